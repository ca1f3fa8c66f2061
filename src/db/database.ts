import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DbOrTrx = Db | Trx;

/** For the few statements whose SQL differs by dialect, when only the query builder is at hand. */
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** The open database plus what the fast paths need: the dialect, and the raw driver handles. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: 'sqlite' | 'postgres';
  readonly sqlite: SQLite.Database | null;
  readonly pool: pg.Pool | null;
  readonly connectionString: string | null;
  close(): Promise<void>;
}

// int8 and numeric come back as strings by default; every bigint we store is an epoch-ms or byte count.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Kysely prepares every statement anew; with better-sqlite3 that was a fifth of the delivery loop's CPU. Statements
 * are cached by their SQL text (bounded, oldest evicted first); Kysely never iterates them, so reuse is safe.
 */
function withStatementCache(sqlite: SQLite.Database, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL + synchronous=NORMAL: a commit survives a process crash; only an OS crash can lose the last commits.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoints fsync the database file; fewer, larger ones keep that cost off most commits (WAL up to ~40 MB).
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) as unknown as SQLite.Database }) });
  return {
    db, dialect: 'sqlite', sqlite, pool: null, connectionString: null,
    close: async () => { await db.destroy(); },
  };
}

const poolsByDb = new WeakMap<Kysely<any>, pg.Pool>();

/** The pool behind a PostgreSQL database (not a transaction), for the few statements sent past Kysely; else null. */
export const postgresPoolOf = (db: Kysely<any>): pg.Pool | null => poolsByDb.get(db) ?? null;

export function openPostgres(connectionString: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => { /* an idle client died; the pool replaces it */ });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  poolsByDb.set(db, pool);
  return {
    db, dialect: 'postgres', sqlite: null, pool, connectionString,
    close: async () => { await db.destroy(); },
  };
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): DatabaseHandle {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openSqlite(path.join(options.dataDir, 'cargolint.sqlite'));
}
