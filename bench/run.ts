/**
 * npm run bench [-- --smoke] [-- --only=ceiling,throughput,floor,latency,isolation,backlog,storm,compliance,deliveries,profile,profile-backlog,profile-postgres]
 *                [-- --strict] [-- --profile-dir=DIR]
 * Starts everything it measures on loopback, prints a table, then one `BENCH_JSON {…}` line. Exits non-zero when a
 * ledger does not balance, a process crashed or a scenario could not finish (and, with --strict, when a target fails).
 * Method and recorded figures: docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer, postgresReachable } from './lib/cargolint.js';
import type { Ledger } from './lib/ledger.js';
import { machineInfo } from './lib/machine.js';
import { crashes, forcedStops, installCleanup, ROOT, stopAll, warnings } from './lib/procs.js';
import { startReceiver } from './lib/receiver-client.js';
import { formatTable } from './lib/report.js';
import { buildRows } from './rows.js';
import { formatProfile, formatSqlTiming, summarizeProfile, type SqlTiming } from './profile-summary.js';
import { runBacklog } from './scenarios/backlog.js';
import { runCeiling } from './scenarios/ceiling.js';
import { runCompliance } from './scenarios/compliance.js';
import { runDeliveriesList } from './scenarios/deliveries-list.js';
import { runLatency } from './scenarios/latency.js';
import { runStorm } from './scenarios/storm.js';
import { runThroughput } from './scenarios/throughput.js';
import { runUploadFloor } from './scenarios/upload-floor.js';

const SCENARIOS = ['ceiling', 'throughput', 'floor', 'latency', 'isolation', 'backlog', 'storm', 'compliance', 'deliveries', 'profile', 'profile-backlog', 'profile-postgres'] as const;
const { values } = parseArgs({ options: { smoke: { type: 'boolean' }, only: { type: 'string' }, strict: { type: 'boolean' }, 'profile-dir': { type: 'string' } } });
const smoke = values.smoke ?? false;
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((s) => !(SCENARIOS as readonly string[]).includes(s)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}\n`);
  process.exit(2);
}
// The profile is a second throughput run under --cpu-prof: worth it in a full run, not in CI's smoke. Profiling the
// backlog's drain is only on request (--only=profile-backlog): it repeats the longest scenario; so is profiling the
// PostgreSQL run with two workers (--only=profile-postgres: the serve process and each worker).
const selected = new Set<string>(only ?? SCENARIOS.filter((s) => !s.startsWith('profile-') && !(smoke && s === 'profile')));

const SIZE = smoke
  ? { webhooks: 5, uploads: 20, concurrency: 8, latencyUploads: 50, isolationUploads: 50, warmup: 5, backlogUploads: 50, stormUploads: 10, stormSeconds: 3, listRows: 5_000, listPerQuery: 3 }
  : { webhooks: 20, uploads: 2_500, concurrency: 16, latencyUploads: 500, isolationUploads: 1_000, warmup: 25, backlogUploads: 2_500, stormUploads: 100, stormSeconds: 15, listRows: 100_000, listPerQuery: 34 };

const results: Record<string, any> = {};
const errors: Record<string, string> = {};
const skipped: Record<string, string> = {};
const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  log(`▶ ${name}`);
  const t0 = Date.now();
  try {
    const result = await run();
    results[name] = result;
    log(`  ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    errors[name] = error instanceof Error ? error.message : String(error);
    log(`  ${name} FAILED: ${errors[name]}`);
    return undefined;
  }
}

function gitRevision(): string {
  // A run on an exported snapshot (no .git) names its revision itself.
  if (process.env.BENCH_REVISION) return process.env.BENCH_REVISION;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    // What is measured is src/: say when it differs from the commit.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted src/ changes` : head;
  } catch {
    return 'unknown';
  }
}

async function main() {
  installCleanup();
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  log(`CargoLint bench (${smoke ? 'smoke' : 'full'}): ${[...selected].join(', ')} — ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadavg.join(' ')}`);
  const pgOk = await postgresReachable;
  if (['throughput', 'floor', 'latency', 'isolation', 'backlog', 'storm', 'deliveries', 'profile', 'profile-backlog', 'profile-postgres'].some((s) => selected.has(s))) {
    log('  compiling src/ into dist/ (what npm start runs)');
    await buildServer();
  }
  const needsReceiver = ['ceiling', 'throughput', 'latency', 'isolation', 'profile', 'profile-postgres'].some((s) => selected.has(s));
  // One receiver process for every scenario but the backlog (which stops and restarts its own).
  const receiver = needsReceiver ? await startReceiver({ listeners: SIZE.webhooks }) : null;
  const volume = { uploads: SIZE.uploads, webhooks: SIZE.webhooks, concurrency: SIZE.concurrency };

  if (selected.has('ceiling')) await step('ceiling', () => runCeiling(receiver!, smoke));
  if (selected.has('throughput')) {
    await step('throughput_sqlite', () => runThroughput(receiver!, { dialect: 'sqlite', ...volume }));
    if (pgOk) {
      await step('throughput_postgres_1_worker', () => runThroughput(receiver!, { dialect: 'postgres', workers: 1, ...volume }));
      await step('throughput_postgres_2_workers', () => runThroughput(receiver!, { dialect: 'postgres', workers: 2, ...volume }));
    } else {
      skipped.throughput_postgres = 'PostgreSQL not reachable at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)';
    }
  }
  if (selected.has('floor')) {
    await step('floor_sqlite', () => runUploadFloor({ dialect: 'sqlite', uploads: volume.uploads, concurrency: volume.concurrency }));
    if (pgOk) await step('floor_postgres_2_workers', () => runUploadFloor({ dialect: 'postgres', workers: 2, uploads: volume.uploads, concurrency: volume.concurrency }));
    else skipped.floor_postgres = 'PostgreSQL not reachable at BENCH_POSTGRES_URL';
  }
  if (selected.has('latency')) await step('latency', () => runLatency(receiver!, { uploads: SIZE.latencyUploads, intervalMs: 20, hangingEndpoints: 0, warmup: SIZE.warmup }));
  if (selected.has('isolation')) await step('isolation', () => runLatency(receiver!, { uploads: SIZE.isolationUploads, intervalMs: 20, hangingEndpoints: 3, warmup: SIZE.warmup }));
  if (selected.has('backlog')) await step('backlog', () => runBacklog({ uploads: SIZE.backlogUploads, webhooks: SIZE.webhooks, concurrency: SIZE.concurrency }));
  if (selected.has('storm')) await step('storm', () => runStorm({ uploads: SIZE.stormUploads, webhooks: SIZE.webhooks, concurrency: SIZE.concurrency, downSeconds: SIZE.stormSeconds }));
  if (selected.has('compliance')) await step('compliance', () => runCompliance(smoke));
  if (selected.has('deliveries')) await step('deliveries_list', () => runDeliveriesList(SIZE.listRows, SIZE.listPerQuery));
  const profiles: string[] = [];
  // A process's main thread writes CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile (its delivery thread, if any, is not 0).
  const mainThreadProfile = (folder: string) => {
    const file = readdirSync(folder).filter((f) => f.endsWith('.cpuprofile') && f.split('.')[4] === '0').map((f) => path.join(folder, f)).pop();
    if (!file) throw new Error(`no CPU profile was written to ${folder}`);
    return file;
  };
  const profileRoot = path.resolve(values['profile-dir'] ?? path.join(os.tmpdir(), `cargolint-bench-profile-${Date.now()}`));
  /** Runs a scenario with the serve process under --cpu-prof and the SQL timer, and summarises both over its window. */
  const profiled = <T extends { window: { fromMs: number; toMs: number } }>(name: string, run: (p: { cpuProfileDir: string; sqlTimingFile: string }) => Promise<T>) =>
    step(name, async () => {
      const cpuProfileDir = path.join(profileRoot, name);
      mkdirSync(cpuProfileDir, { recursive: true });
      const sqlTimingFile = path.join(cpuProfileDir, 'sql-timing.json');
      const result = await run({ cpuProfileDir, sqlTimingFile });
      const file = mainThreadProfile(cpuProfileDir);
      const summary = summarizeProfile(file, 25, result.window);
      const sql = existsSync(sqlTimingFile) ? (JSON.parse(readFileSync(sqlTimingFile, 'utf8')) as SqlTiming[]).slice(0, 20) : [];
      profiles.push(`== ${name}\n${formatProfile(summary)}\n\n${formatSqlTiming(sql)}`);
      return { run: result, file, summary, sql };
    });
  if (selected.has('profile')) await profiled('profile', (p) => runThroughput(receiver!, { dialect: 'sqlite', ...volume, ...p }));
  if (selected.has('profile-postgres')) {
    await step('profile_postgres', async () => {
      const cpuProfileDir = path.join(profileRoot, 'profile_postgres');
      mkdirSync(cpuProfileDir, { recursive: true });
      const result = await runThroughput(receiver!, { dialect: 'postgres', workers: 2, ...volume, cpuProfileDir });
      const summaries = ['', 'worker-1', 'worker-2'].map((dir) => {
        const summary = summarizeProfile(mainThreadProfile(path.join(cpuProfileDir, dir)), 25, result.window);
        profiles.push(`== profile_postgres ${dir || 'serve'}\n${formatProfile(summary)}`);
        return summary;
      });
      return { run: result, summaries };
    });
  }
  if (selected.has('profile-backlog')) {
    await profiled('profile_backlog', (p) => runBacklog({ uploads: SIZE.backlogUploads, webhooks: SIZE.webhooks, concurrency: SIZE.concurrency, profile: p }));
  }
  await receiver?.stop();

  const ledgers: Record<string, Ledger> = {};
  for (const [name, r] of Object.entries(results)) {
    if (r?.ledger) ledgers[name] = r.ledger;
    if (r?.run?.ledger) ledgers[name] = r.run.ledger;
  }
  const unbalanced = Object.entries(ledgers).filter(([, l]) => !l.balanced);
  const rows = buildRows(results, smoke, { cores: machine.cpus, webhooks: SIZE.webhooks });
  const failedTargets = rows.filter((r) => r.pass === false);
  const ok = unbalanced.length === 0 && crashes.length === 0 && Object.keys(errors).length === 0 && (!values.strict || failedTargets.length === 0);

  process.stdout.write(`\n${formatTable(rows)}\n`);
  if (smoke) process.stdout.write('(smoke run: figures are printed, not judged)\n');
  for (const [name, l] of unbalanced) process.stdout.write(`LEDGER ${name} does not balance: ${l.problems.join('; ')}\n`);
  for (const c of crashes) process.stdout.write(`CRASH ${c}\n`);
  for (const f of forcedStops) process.stdout.write(`WARNING ${f}\n`);
  if (warnings.length > 0) process.stdout.write(`LOGGED ${warnings.length} warn/error lines, first: ${warnings.slice(0, 3).join('\n  ')}\n`);
  for (const [name, e] of Object.entries(errors)) process.stdout.write(`ERROR ${name}: ${e}\n`);
  for (const [name, why] of Object.entries(skipped)) process.stdout.write(`SKIPPED ${name}: ${why}\n`);
  for (const p of profiles) process.stdout.write(`\n${p}\n`);
  const report = {
    mode: smoke ? 'smoke' : 'full', startedAt, finishedAt: new Date().toISOString(), revision: gitRevision(), machine,
    loadavgAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100), sizes: SIZE, results,
    targets: rows.filter((r) => r.pass !== undefined).map((r) => ({ figure: `${r.section}: ${r.figure}`, value: r.value, target: r.target, pass: r.pass })),
    ledgers: Object.fromEntries(Object.entries(ledgers).map(([k, l]) => [k, l.balanced])), crashes, forcedStops, warnings: warnings.slice(0, 20), errors, skipped, ok,
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(report)}\n`);
  return ok;
}

main().then(
  async (ok) => { await stopAll(); process.exit(ok ? 0 : 1); },
  async (error) => { log(`bench failed: ${error instanceof Error ? error.stack : error}`); await stopAll(); process.exit(1); },
);
