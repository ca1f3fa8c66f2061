import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { DbOrTrx } from './database.js';
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

/** Inserts rows that all have the first row's columns (missing values are NULL). */
export async function insertRows<T extends keyof Database & string>(
  db: DbOrTrx, table: T, rows: ReadonlyArray<Row<T>>, options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const column of columns) parameters[i++] = values[column] ?? null;
  }
  await db.executeQuery(CompiledQuery.raw(insertText(postgres, table, columns, rows.length, options.onConflictDoNothing ?? false), parameters));
}
