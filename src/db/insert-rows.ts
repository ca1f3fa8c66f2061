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

function insertText(postgres: boolean, table: string, columns: readonly string[], rowCount: number, onConflictDoNothing: boolean): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rowCount}|${onConflictDoNothing}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
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

/**
 * Bound parameters per statement, under both engines' limits (SQLite 32,766, PostgreSQL 65,535): an event for an
 * organization with thousands of webhooks is several statements, not an error.
 */
const MAX_PARAMETERS = 30_000;

/** The INSERT statements of `part`: one, or several when its rows need more parameters than one statement takes. */
export function insertQueries(postgres: boolean, part: TableRows): CompiledQuery[] {
  if (part.rows.length === 0) return [];
  const columns = Object.keys(part.rows[0]);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const queries: CompiledQuery[] = [];
  for (let start = 0; start < part.rows.length; start += perStatement) {
    const chunk = part.rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      const values = row as Record<string, unknown>;
      for (const column of columns) parameters.push(values[column] ?? null);
    }
    queries.push(CompiledQuery.raw(insertText(postgres, part.table, columns, chunk.length, part.onConflictDoNothing ?? false), parameters));
  }
  return queries;
}

/**
 * Inserts rows that all have the first row's columns (missing values are NULL). Very many rows take several
 * statements: atomic only inside the caller's transaction.
 */
export async function insertRows<T extends keyof Database & string>(
  db: DbOrTrx, table: T, rows: ReadonlyArray<Row<T>>, options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  for (const query of insertQueries(isPostgres(db), { table, rows, ...options } as TableRows)) await db.executeQuery(query);
}

/** Inserts into several tables as one unit (see executeTogether): an upload's blob, document, event, deliveries and job. */
export async function insertTogether(db: DbOrTrx, parts: ReadonlyArray<TableRows>): Promise<void> {
  const postgres = isPostgres(db);
  await executeTogether(db, parts.flatMap((part) => insertQueries(postgres, part)));
}

/**
 * Runs data-modifying statements (INSERT, UPDATE, DELETE) as one unit. On PostgreSQL that is one statement — the first
 * ones as data-modifying WITH clauses — atomic by itself: one round trip instead of one per statement plus BEGIN and
 * COMMIT. They all see the database as it was before the statement (none sees another's changes), so they must not
 * depend on each other. On SQLite (no data-modifying WITH), and past the parameter limit, they run one after another —
 * in the caller's transaction, or in one opened here.
 */
export async function executeTogether(db: DbOrTrx, queries: ReadonlyArray<CompiledQuery>): Promise<void> {
  if (queries.length === 0) return;
  if (queries.length === 1) { await db.executeQuery(queries[0]); return; }
  const parameterCount = queries.reduce((sum, query) => sum + query.parameters.length, 0);
  if (!isPostgres(db) || parameterCount > MAX_PARAMETERS) {
    const oneByOne = async (trx: DbOrTrx) => { for (const query of queries) await trx.executeQuery(query); };
    await (db.isTransaction ? oneByOne(db) : db.transaction().execute(oneByOne));
    return;
  }
  const parameters: unknown[] = [];
  const texts = queries.map((query) => {
    const offset = parameters.length;
    parameters.push(...query.parameters);
    // Each query numbers its placeholders from $1; in the one statement they continue. Statements made here and by
    // Kysely carry every value as a parameter, so no `$` occurs in their text otherwise.
    return offset === 0 ? query.sql : query.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = texts.pop()!;
  await db.executeQuery(CompiledQuery.raw(`with ${texts.map((text, i) => `w${i} as (${text})`).join(', ')} ${last}`, parameters));
}

/** A Buffer reaches a JSON.stringify replacer already turned into { type: 'Buffer', data: [...] } by its toJSON. */
const isBinary = (value: unknown) => Buffer.isBuffer(value)
  || (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data));

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
      if (isBinary(value)) throw new Error(`${part.table}: binary columns cannot travel as JSON`);
      return value;
    }));
    return `w${i} as (insert into "${part.table}" (${columns}) select ${columns} from jsonb_populate_recordset(null::"${part.table}", $${parameters.length}::jsonb)`
      + ` where exists (select 1 from guard)${part.onConflictDoNothing ? ' on conflict do nothing' : ''})`;
  });
  const text = `with guard as (${guard.sql})${inserts.map((insert) => `, ${insert}`).join('')} select count(*)::int as changed from guard`;
  const result = await db.executeQuery<{ changed: number }>(CompiledQuery.raw(text, parameters));
  return result.rows[0].changed;
}
