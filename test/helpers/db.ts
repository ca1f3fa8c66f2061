import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export type Dialect = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env.CARGOLINT_TEST_DATABASE_URL || null;
/** Every database test runs once per dialect; PostgreSQL joins when CARGOLINT_TEST_DATABASE_URL is set (CI sets it). */
export const DIALECTS: Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const REFERENCE_DIR = process.env.CARGOLINT_REFERENCE_DIR || path.resolve(import.meta.dirname, '../../../shared/reference');

export function tempDir(label = 'test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cargolint-${label}-`));
}

/** A brand-new empty database: a temp SQLite file, or a fresh PostgreSQL schema reached through search_path. */
export async function freshDatabase(dialect: Dialect, dataDir = tempDir('db')): Promise<{ handle: DatabaseHandle; url: string | null }> {
  if (dialect === 'sqlite') return { handle: openSqlite(path.join(dataDir, 'cargolint.sqlite')), url: null };
  if (!POSTGRES_URL) throw new Error('CARGOLINT_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { handle: openPostgres(url.toString(), 10), url: url.toString() };
}

/** Registers, in the enclosing describe, closing every handle passed to the returned function once its tests are done. */
export function closeAfterAll(): <T extends { close(): Promise<void> }>(handle: T) => T {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => { for (const h of opened) await h.close(); });
  return (handle) => { opened.push(handle); return handle; };
}

export async function migratedDatabase(dialect: Dialect) {
  const db = await freshDatabase(dialect);
  await migrateToLatest(db.handle.db);
  return db;
}

export const TEST_SECRET_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export interface TestContext extends AppContext {
  databaseUrl: string | null;
}

/** A full application context on a fresh database, with settings fit for loopback tests. */
export async function testContext(dialect: Dialect, env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = tempDir('data');
  const { handle, url } = await freshDatabase(dialect, dataDir);
  await migrateToLatest(handle.db);
  const config: Config = loadConfig({
    CARGOLINT_DATA_DIR: dataDir,
    CARGOLINT_SECRET_KEY: TEST_SECRET_KEY,
    CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'true',
    CARGOLINT_REFERENCE_DIR: REFERENCE_DIR,
    CARGOLINT_DELIVERY_TIMEOUT_MS: '3000',
    ...(url ? { CARGOLINT_DATABASE_URL: url } : {}),
    ...env,
  });
  const ctx = await createContext(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), handle });
  return Object.assign(ctx, { databaseUrl: url });
}
