import { CompiledQuery } from 'kysely';
import { isPostgres, type DbOrTrx } from './database.js';
import type { Database } from './schema.js';

/**
 * INSERTs on the hot paths (an upload's document, event, deliveries and job; a batch's attempts) without Kysely's
 * query builder: building and compiling a 20-row insert cost the server more than SQLite took to execute it. The SQL
 * text is made once per dialect, table, columns and row count and then reused, so it is also a cheap key for the
 * prepared-statement cache (the same string object every time).
 */
const texts = new Map<string, string>();
const MAX_TEXTS = 1000;

type Row<T extends keyof Database> = { [C in keyof Database[T]]: Database[T][C] };

/** `firstParameter`: PostgreSQL numbers its placeholders; a statement made of several inserts continues the count. */
function insertText(postgres: boolean, table: string, columns: readonly string[], rowCount: number, onConflictDoNothing: boolean, firstParameter = 1): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rowCount}|${onConflictDoNothing}|${firstParameter}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = firstParameter - 1;
    const placeholder = () => (postgres ? `$${++n}` : '?');
    const tuple = () => `(${columns.map(placeholder).join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: rowCount }, tuple).join(', ')}`
      + (onConflictDoNothing ? ' on conflict do nothing' : '');
    if (texts.size < MAX_TEXTS) texts.set(key, text);
  }
  return text;
}

/** Rows for one table; they all have the first row's columns (missing values are NULL). */
export interface TableRows<T extends keyof Database & string = keyof Database & string> {
  table: T;
  rows: ReadonlyArray<Row<T>>;
  onConflictDoNothing?: boolean;
}

function appendParameters(parameters: unknown[], columns: readonly string[], rows: ReadonlyArray<object>) {
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const column of columns) parameters.push(values[column] ?? null);
  }
}

/**
 * Bound parameters per statement, under both engines' limits (SQLite 32,766, PostgreSQL 65,535): an event for an
 * organization with thousands of webhooks is several statements, not an error.
 */
const MAX_PARAMETERS = 30_000;

const rowsPerStatement = (columns: readonly string[]) => Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));

/**
 * Inserts rows that all have the first row's columns (missing values are NULL). Very many rows take several
 * statements: atomic only inside the caller's transaction.
 */
export async function insertRows<T extends keyof Database & string>(
  db: DbOrTrx, table: T, rows: ReadonlyArray<Row<T>>, options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const perStatement = rowsPerStatement(columns);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    appendParameters(parameters, columns, chunk);
    await db.executeQuery(CompiledQuery.raw(insertText(isPostgres(db), table, columns, chunk.length, options.onConflictDoNothing ?? false), parameters));
  }
}

/**
 * Inserts into several tables as one unit. On PostgreSQL that is one statement (the first inserts as data-modifying
 * WITH clauses), atomic by itself: an upload's blob, document, event, deliveries and job cost one round trip instead
 * of seven with BEGIN and COMMIT. On SQLite (no data-modifying WITH), and past the parameter limit, the inserts run
 * one after another — in the caller's transaction, or in one opened here.
 */
export async function insertTogether(db: DbOrTrx, parts: ReadonlyArray<TableRows>): Promise<void> {
  const present = parts.filter((part) => part.rows.length > 0).map((part) => ({ ...part, columns: Object.keys(part.rows[0]) }));
  if (present.length === 0) return;
  const parameterCount = present.reduce((sum, part) => sum + part.rows.length * part.columns.length, 0);
  if (!isPostgres(db) || present.length === 1 || parameterCount > MAX_PARAMETERS) {
    const oneByOne = async (trx: DbOrTrx) => { for (const part of present) await insertRows(trx, part.table, part.rows, part); };
    // Several statements are one unit only inside a transaction: open one if the caller has none.
    const oneStatement = present.length === 1 && parameterCount <= MAX_PARAMETERS;
    await (oneStatement || db.isTransaction ? oneByOne(db) : db.transaction().execute(oneByOne));
    return;
  }
  const parameters: unknown[] = [];
  const statements = present.map((part) => {
    const { columns } = part;
    const text = insertText(true, part.table, columns, part.rows.length, part.onConflictDoNothing ?? false, parameters.length + 1);
    appendParameters(parameters, columns, part.rows);
    return text;
  });
  const last = statements.pop()!;
  const text = `with ${statements.map((statement, i) => `w${i} as (${statement})`).join(', ')} ${last}`;
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/**
 * PostgreSQL: runs `guard` (an UPDATE … RETURNING) and inserts `parts` only when the guard changed a row, all in one
 * statement (atomic by itself: no BEGIN, no COMMIT); returns how many rows the guard changed. A conditional insert
 * must be INSERT … SELECT, where bare placeholders would lose the column types that INSERT … VALUES gives them, so
 * each table's rows travel as one JSON parameter typed by the table itself (`jsonb_populate_recordset`). Text and
 * number columns only (no bytea).
 */
export async function insertTogetherIfUpdated(db: DbOrTrx, guard: CompiledQuery, parts: ReadonlyArray<TableRows>): Promise<number> {
  const parameters: unknown[] = [...guard.parameters];
  const inserts = parts.filter((part) => part.rows.length > 0).map((part, i) => {
    const columns = Object.keys(part.rows[0]).map((c) => `"${c}"`).join(', ');
    parameters.push(JSON.stringify(part.rows, (_key, value: unknown) => {
      if (Buffer.isBuffer(value) || (value as { type?: string } | null)?.type === 'Buffer') throw new Error(`${part.table}: binary columns cannot travel as JSON`);
      return value;
    }));
    return `w${i} as (insert into "${part.table}" (${columns}) select ${columns} from jsonb_populate_recordset(null::"${part.table}", $${parameters.length}::jsonb)`
      + ` where exists (select 1 from guard)${part.onConflictDoNothing ? ' on conflict do nothing' : ''})`;
  });
  const text = `with guard as (${guard.sql})${inserts.map((insert) => `, ${insert}`).join('')} select count(*)::int as changed from guard`;
  const result = await db.executeQuery<{ changed: number }>(CompiledQuery.raw(text, parameters));
  return result.rows[0].changed;
}
