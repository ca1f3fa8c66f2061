/**
 * A CargoLint deployment for one scenario: SQLite (one `serve` with in-process workers) or PostgreSQL (a fresh
 * database, `migrate`, `serve --no-workers` and N `worker` processes), an organization on the business plan, and
 * helpers for the API calls the scenarios make.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { FormData, request } from 'undici';
import { processCpuMs } from './machine.js';
import { freePort, onCleanup, peakRssMb, ROOT, runToEnd, startProcess, type Proc } from './procs.js';

export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLI = 'bin/cargolint.js';

export interface StackOptions {
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL only: how many `cargolint worker` processes run beside `serve --no-workers`. */
  workers?: number;
  /** Extra environment for every CargoLint process (retry schedule, …). */
  env?: Record<string, string>;
  /** Writes a V8 CPU profile of the `serve` process into this folder when it exits. */
  cpuProfileDir?: string;
  /** Times every SQLite statement of the `serve` process (bench/lib/sql-timing.mjs) and writes the totals here on exit. */
  sqlTimingFile?: string;
}

export interface Stack {
  dialect: 'sqlite' | 'postgres';
  baseUrl: string;
  apiKey: string;
  organizationId: string;
  server: Proc;
  workers: Proc[];
  dataDir: string;
  databaseUrl: string | null;
  api<T = any>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: T }>;
  createWebhook(url: string, events?: string[]): Promise<string>;
  /** Uploads one JSON file through POST /api/v1/documents; returns the document id. */
  upload(bytes: Buffer, filename: string): Promise<string>;
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try { await client.connect(); await client.query('SELECT 1'); return true; } catch { return false; } finally { await client.end().catch(() => undefined); }
}
export const postgresReachable = isPostgresReachable();

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

let databases = 0;

/** Compiles src/ into dist/ as `npm start` does, so every CargoLint process the bench starts runs this tree's code. */
export async function buildServer(): Promise<void> {
  if (process.env.BENCH_FROM_SOURCE === 'true') return;
  await runToEnd('tsc (npm run build:server)', process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')]);
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cargolint-bench-'));
  let dbName: string | null = null;
  const cleanup = async () => {
    if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const forgetCleanup = onCleanup(cleanup);
  // Only what this run sets: an inherited CARGOLINT_DATABASE_URL would silently turn the SQLite run into PostgreSQL.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CARGOLINT_') && k !== 'PORT' && k !== 'HOST'));
  Object.assign(env, {
    CARGOLINT_DATA_DIR: dataDir,
    CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'true',
    CARGOLINT_RATE_LIMIT_PER_MINUTE: '10000000',
    CARGOLINT_LOG_LEVEL: 'warn',
    // What `npm start` runs: the compiled dist/, which buildServer() has just rebuilt from the working tree (so
    // never stale). BENCH_FROM_SOURCE=true measures src/ through tsx instead (its loader thread costs memory).
    ...(process.env.BENCH_FROM_SOURCE === 'true' ? { CARGOLINT_FROM_SOURCE: 'true' } : {}),
    ...options.env,
  });
  let databaseUrl: string | null = null;
  if (options.dialect === 'postgres') {
    dbName = `cargolint_bench_${Date.now()}_${process.pid}_${databases++}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    env.CARGOLINT_DATABASE_URL = databaseUrl;
    env.CARGOLINT_SECRET_KEY = randomBytes(32).toString('hex');
    await runToEnd('migrate', process.execPath, [CLI, 'migrate'], env);
  }
  const created = JSON.parse(await runToEnd('orgs create', process.execPath, [CLI, 'orgs', 'create', '--name', 'Bench', '--plan', 'business'], env));

  const port = await freePort();
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  if (options.sqlTimingFile) nodeArgs.push('--import', pathToFileURL(path.join(ROOT, 'bench/lib/sql-timing.mjs')).href);
  const serveEnv = options.sqlTimingFile ? { ...env, BENCH_SQL_TIMING_FILE: options.sqlTimingFile } : env;
  const serveArgs = options.dialect === 'postgres' ? ['--no-workers'] : [];
  const server = startProcess('serve', process.execPath, [...nodeArgs, CLI, 'serve', '--port', String(port), ...serveArgs], { env: serveEnv });
  const workers = options.dialect === 'postgres'
    ? Array.from({ length: options.workers ?? 1 }, (_, i) => {
      // Each worker profiles into a folder of its own (the serve process's profile stays alone in cpuProfileDir).
      const profileArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.cpuProfileDir, `worker-${i + 1}`)}`] : [];
      return startProcess(`worker-${i + 1}`, process.execPath, [...profileArgs, CLI, 'worker'], { env });
    })
    : [];
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiKey: string = created.api_key;
  await waitForHealth(baseUrl, server);

  async function api<T>(method: string, urlPath: string, body?: unknown) {
    const res = await request(baseUrl + urlPath, {
      method: method as 'GET', headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as T };
  }

  return {
    dialect: options.dialect, baseUrl, apiKey, organizationId: created.organization.id, server, workers, dataDir, databaseUrl, api,
    async createWebhook(url, events = ['document.uploaded']) {
      const res = await api<{ id: string }>('POST', '/api/v1/webhooks', { url, events });
      if (res.status !== 201) throw new Error(`creating a webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    async upload(bytes, filename) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/json' }), filename);
      const res = await request(`${baseUrl}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: form });
      const text = await res.body.text();
      if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return (JSON.parse(text) as { id: string }).id;
    },
    peakRssMb: () => peakRssMb(server.pid),
    async stop() {
      await Promise.all([server.stop(20_000), ...workers.map((w) => w.stop(20_000))]);
      forgetCleanup();
      await cleanup();
    },
  };
}

async function waitForHealth(baseUrl: string, server: Proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await request(`${baseUrl}/health`);
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch { /* not listening yet */ }
    if (server.child.exitCode !== null) throw new Error(`serve exited during start-up: ${server.stderrTail.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`serve did not answer /health within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts measuring the CPU (user + system, every thread) of the stack's CargoLint processes; the returned function
 * gives what each used since, by name (serve, worker-1, …), and the total.
 */
export function stackCpuMeter(stack: Stack): () => { totalMs: number; byProcess: Record<string, number> } {
  const procs = [{ name: 'serve', pid: stack.server.pid }, ...stack.workers.map((w) => ({ name: w.name, pid: w.pid }))];
  const before = procs.map((p) => processCpuMs(p.pid) ?? 0);
  return () => {
    const used = procs.map((p, i) => (processCpuMs(p.pid) ?? before[i]) - before[i]);
    return { totalMs: used.reduce((sum, ms) => sum + ms, 0), byProcess: Object.fromEntries(procs.map((p, i) => [p.name, used[i]])) };
  };
}
