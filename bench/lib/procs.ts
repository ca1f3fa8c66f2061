/**
 * Every process the bench starts goes through here, so that all of them are killed on exit, on SIGINT/SIGTERM and on
 * errors, and so that an unexpected exit (a crash) is noticed and fails the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Date.now() when it was spawned. */
  startedAt: number;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<string>;
  /** Last lines of stderr (and of error-level logs on stdout), for crash reports. */
  stderrTail: string[];
  stop(timeoutMs?: number): Promise<void>;
}

const running = new Set<Proc>();
export const crashes: string[] = [];
/** Processes that had to be killed because they did not exit after SIGTERM: a graceful shutdown that hangs. */
export const forcedStops: string[] = [];
/** Warn/error/fatal log lines (pino JSON on stdout) of every process, the first 200: a run that logged them is worth a look. */
export const warnings: string[] = [];
/** Process-group ids of everything the bench is running (each child leads its own group). */
export const runningGroups = () => [...running].map((p) => p.pid);

/**
 * Starts a process in its own process group: tsx may start helpers (esbuild), and killing the group by the child's
 * id ends them too, without touching anything the bench did not start.
 */
export function startProcess(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; oneShot?: boolean } = {}): Proc {
  const child = spawn(command, args, {
    cwd: ROOT, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const stderrTail: string[] = [];
  // Both pipes are always read: a child blocked on a full pipe (pino writes synchronously) would stall the bench.
  const keepTail = (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.splice(0, stderrTail.length - 40);
  };
  child.stderr!.setEncoding('utf8').on('data', keepTail);
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (/"level":[456]0/.test(line) && warnings.length < 200) warnings.push(`${name}: ${line}`);
  });
  let stopping = false;
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(proc);
      const how = signal ?? String(code);
      // A one-shot command is expected to exit; its caller judges the exit code.
      if (!stopping && !options.oneShot) {
        crashes.push(`${name} (pid ${child.pid}) exited unexpectedly: ${how}\n    ${stderrTail.slice(-8).join('\n    ')}`);
      }
      resolve(how);
    });
  });
  const proc: Proc = {
    name, child, pid: child.pid, startedAt: Date.now(), exited, stderrTail,
    async stop(timeoutMs = 10_000) {
      if (!running.has(proc)) return;
      stopping = true;
      signalGroup(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => {
        forcedStops.push(`${name} (pid ${child.pid}) was still running ${timeoutMs / 1000} s after SIGTERM and was killed: ${stderrTail.slice(-2).join(' | ')}`);
        signalGroup(child.pid!, 'SIGKILL');
      }, timeoutMs);
      await exited;
      clearTimeout(timer);
      // The group may still hold helpers of the main process (esbuild): end them as well.
      signalGroup(child.pid!, 'SIGKILL');
    },
  };
  running.add(proc);
  return proc;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

/** Node with the tsx loader, for the bench's own TypeScript child processes. */
export function startTsProcess(name: string, script: string, args: string[] = [], options: { oneShot?: boolean } = {}): Proc {
  return startProcess(name, process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], options);
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits or time runs out first. */
export function waitForLine(proc: Proc, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => done(new Error(`${proc.name}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const match = line.match(pattern);
        if (match) return done(null, match);
      }
    };
    const onExit = () => done(new Error(`${proc.name} exited before printing ${pattern}: ${proc.stderrTail.slice(-5).join(' | ')}`));
    function done(error: Error | null, match?: RegExpMatchArray) {
      clearTimeout(timer);
      proc.child.stdout!.off('data', onData);
      proc.child.off('exit', onExit);
      if (error) reject(error); else resolve(match!);
    }
    proc.child.stdout!.setEncoding('utf8').on('data', onData);
    proc.child.once('exit', onExit);
  });
}

/** Runs a command to completion and returns its stdout; a non-zero exit is an error carrying stderr. */
export async function runToEnd(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const proc = startProcess(name, command, args, { env, oneShot: true });
  let out = '';
  proc.child.stdout!.setEncoding('utf8').on('data', (c: string) => { out += c; });
  const how = await new Promise<string>((resolve) => proc.child.on('close', (code, signal) => resolve(signal ?? String(code))));
  if (how !== '0') throw new Error(`${name} failed (${how}): ${proc.stderrTail.join('\n')}`);
  return out;
}

/** A port that was free a moment ago; the server binds it right after (the race is acceptable on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const cleanups = new Set<() => Promise<void> | void>();
/** Work to do after the processes are gone (temp dirs, databases); returns the function that unregisters it. */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop(5000)));
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try { await fn(); } catch { /* best effort */ }
  }
}

let cleanupInstalled = false;
/** Last line of defence: whatever way the bench ends, nothing it started outlives it. */
export function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const p of running) signalGroup(p.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping every process the bench started…\n`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}
