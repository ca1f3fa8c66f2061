/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): where the process spent its time, by function (self time, the
 * time the function itself was on top of the stack) and by area (package, node internals, src/ file), plus the
 * inclusive time of CargoLint's own functions.
 * Usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top=N] [--window=FROM_MS-TO_MS (since the profile started)]
 *        [--rev=GIT_REVISION (map lines against src/ as of that revision, when it changed since the run)]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface Row { name: string; where: string; ms: number; pct: number }
export interface ProfileSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  selfByFunction: Row[];
  selfByArea: Row[];
  inclusiveSrc: Row[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Package, node module or repository file a frame belongs to: the unit one would go and optimise. */
function areaOf(frame: CallFrame): string {
  const url = frame.url;
  if (url.endsWith('bench/lib/sql-timing.mjs')) return 'better-sqlite3';
  if (!url) return SPECIAL.has(frame.functionName) ? frame.functionName : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').replace(/^(node:[^/]+).*/, '$1');
  return path.relative(ROOT, url.startsWith('file:') ? fileURLToPath(url) : url);
}

/**
 * tsx runs .ts files through esbuild with minifyWhitespace, so V8 reports every src/ function on "line 1". The same
 * transform (tsx's options, the same esbuild) is redone here and its source map gives the line in the .ts file.
 */
type Transform = (code: string, options: Record<string, unknown>) => { code: string; map: string };
let transformSync: Transform | null = null;
try {
  transformSync = ((await import('esbuild')) as unknown as { transformSync: Transform }).transformSync;
} catch { /* esbuild is tsx's dependency; without it, lines stay as V8 reported them */ }
const maps = new Map<string, SourceMap | null>();
/** The git revision the profiled process ran, when src/ has changed since (`--rev=`); else the files as they are. */
let sourceRevision: string | null = null;

function sourceOf(file: string): string {
  if (!sourceRevision) return readFileSync(file, 'utf8');
  return execFileSync('git', ['show', `${sourceRevision}:${path.relative(ROOT, file)}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}

function originalLine(file: string, line: number, column: number): number {
  if (!transformSync || !file.endsWith('.ts')) return line + 1;
  if (!maps.has(file)) {
    try {
      const out = transformSync(sourceOf(file), {
        loader: 'ts', format: 'esm', target: `node${process.versions.node}`, sourcemap: 'external', minifyWhitespace: true, keepNames: true, sourcefile: file,
      });
      maps.set(file, new SourceMap(JSON.parse(out.map)));
    } catch {
      maps.set(file, null);
    }
  }
  const entry = maps.get(file)?.findEntry(line, column) as { originalLine?: number } | undefined;
  return entry?.originalLine !== undefined ? entry.originalLine + 1 : line + 1;
}

function whereOf(frame: CallFrame): string {
  if (!frame.url) return areaOf(frame);
  // The bench's statement timer wraps Statement.run/all/get: its self time is SQLite executing the statement.
  if (frame.url.endsWith('bench/lib/sql-timing.mjs')) return 'better-sqlite3 (native), timed by bench/lib/sql-timing.mjs';
  if (frame.url.includes('node_modules/')) return `${frame.url.replace(/.*node_modules\//, '')}:${frame.lineNumber + 1}`;
  if (frame.url.startsWith('file:')) {
    const file = fileURLToPath(frame.url);
    return `${path.relative(ROOT, file)}:${originalLine(file, frame.lineNumber, frame.columnNumber)}`;
  }
  return `${areaOf(frame)}:${frame.lineNumber + 1}`;
}

/** `window` limits the summary to samples taken between these offsets (ms since the profile started). */
export function summarizeProfile(file: string, top = 25, window?: { fromMs: number; toMs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // timeDeltas[i + 1] is how long sample i stayed on top (the last one gets the mean).
  const selfUs = new Map<number, number>();
  const mean = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (window && (at < window.fromMs * 1000 || at > window.toMs * 1000)) return;
    const dt = profile.timeDeltas[i + 1] ?? mean;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  });

  const nameOf = (f: CallFrame) => (f.url.endsWith('bench/lib/sql-timing.mjs') && f.functionName === 'timed' ? 'Statement.run/all/get' : f.functionName || '(anonymous)');
  const fnKey = (f: CallFrame) => `${nameOf(f)}\u0000${whereOf(f)}`;
  const selfFn = new Map<string, number>();
  const selfArea = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idleUs = 0; let gcUs = 0; let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    totalUs += us;
    if (frame.functionName === '(idle)') { idleUs += us; continue; }
    if (frame.functionName === '(garbage collector)') gcUs += us;
    selfFn.set(fnKey(frame), (selfFn.get(fnKey(frame)) ?? 0) + us);
    selfArea.set(areaOf(frame), (selfArea.get(areaOf(frame)) ?? 0) + us);
    // Inclusive time of src/ functions: each function counted once per stack, however deep the recursion.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (!f.url.includes('/src/') || f.url.includes('node_modules')) continue;
      const key = fnKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const busyUs = totalUs - idleUs;
  const rows = (m: Map<string, number>, n: number): Row[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, us]) => {
    const [name, where] = key.split('\u0000');
    return { name, where: where ?? '', ms: Math.round(us / 100) / 10, pct: Math.round((us / busyUs) * 1000) / 10 };
  });
  return {
    file, wallMs: Math.round(totalUs / 1000), busyMs: Math.round(busyUs / 1000), idleMs: Math.round(idleUs / 1000), gcMs: Math.round(gcUs / 1000),
    selfByFunction: rows(selfFn, top), selfByArea: rows(selfArea, 15), inclusiveSrc: rows(inclusive, 20),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [`CPU profile ${path.basename(s.file)}: ${s.wallMs} ms sampled, ${s.busyMs} ms busy (${Math.round((s.busyMs / s.wallMs) * 100)}%), GC ${s.gcMs} ms; percentages are of busy time`];
  const table = (title: string, rows: Row[], withName: boolean) => {
    lines.push('', title);
    for (const r of rows) lines.push(`  ${r.pct.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${withName ? `${r.name}  ${r.where}` : r.name}`);
  };
  table('Self time by function', s.selfByFunction, true);
  table('Self time by area (package / node module / src file)', s.selfByArea, false);
  table('Inclusive time of src/ functions', s.inclusiveSrc, true);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
  const range = process.argv.find((a) => a.startsWith('--window='))?.slice(9).split('-').map(Number);
  sourceRevision = process.argv.find((a) => a.startsWith('--rev='))?.slice(6) ?? null;
  if (files.length === 0) { process.stderr.write('usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top=N] [--window=A-B] [--rev=REV]\n'); process.exit(2); }
  const window = range ? { fromMs: range[0], toMs: range[1] } : undefined;
  for (const f of files) process.stdout.write(formatProfile(summarizeProfile(f, top, window)) + '\n\n');
}

export interface SqlTiming { sql: string; prepares: number; prepareMs: number; runs: number; runMs: number; totalMs: number }

/** The statements written by bench/lib/sql-timing.mjs, costliest first. */
export function formatSqlTiming(rows: SqlTiming[], top = 15): string {
  const total = rows.reduce((a, r) => a + r.totalMs, 0);
  const lines = [`SQLite statements of the serve process (prepare + execution, ${Math.round(total)} ms in all; whole process life)`,
    '   total ms   runs       µs/run   prepares  prepare ms  statement'];
  for (const r of rows.slice(0, top)) {
    const perRun = r.runs ? (r.runMs * 1000) / r.runs : 0;
    lines.push(`  ${r.totalMs.toFixed(0).padStart(8)}  ${String(r.runs).padStart(7)}  ${perRun.toFixed(1).padStart(10)}  ${String(r.prepares).padStart(9)}  ${r.prepareMs.toFixed(0).padStart(10)}  ${r.sql.slice(0, 150)}`);
  }
  return lines.join('\n');
}
