/**
 * This machine is shared: other work running beside the bench lowers every figure. The meter tells how much CPU
 * went to processes the bench did not start during a scenario, so a figure can be read (or rerun) accordingly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  return cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu[7] ?? 0);
}

/**
 * CPU ticks of the bench itself and of every process group it started (children run in their own groups), and of
 * PostgreSQL's processes, which work for the bench in the PostgreSQL runs (and for nobody else, one hopes).
 */
function ticksOf(groups: Set<number>): { bench: number; postgres: number } {
  let bench = 0;
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number(entry) === process.pid || groups.has(Number(fields[2]))) bench += ticks;
      else if (comm === 'postgres') postgres += ticks;
    } catch { /* the process ended meanwhile */ }
  }
  return { bench, postgres };
}

/** CPU milliseconds (user + system, every thread) a process has used so far; null once it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export interface CpuReading { seconds: number; machineBusyCores: number; postgresCores: number; foreignCores: number }

/** Starts measuring; call the returned function at the end. `groups` are the process-group ids of the bench's children. */
export function cpuMeter(groups: () => number[]): () => CpuReading {
  const t0 = Date.now();
  const busy0 = machineBusyTicks();
  const start = ticksOf(new Set(groups()));
  return () => {
    const seconds = (Date.now() - t0) / 1000;
    const busy = machineBusyTicks() - busy0;
    const end = ticksOf(new Set(groups()));
    // Children that exited during the window are missed here: their CPU shows up as foreign, erring on the side of caution.
    const bench = Math.max(0, end.bench - start.bench);
    const postgres = Math.max(0, end.postgres - start.postgres);
    const cores = (ticks: number) => Math.round((Math.max(0, ticks) * TICK_MS) / 10 / seconds) / 100;
    return { seconds: Math.round(seconds * 100) / 100, machineBusyCores: cores(busy), postgresCores: cores(postgres), foreignCores: cores(busy - bench - postgres) };
  };
}

export function machineInfo() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, loadavg: os.loadavg().map((v) => Math.round(v * 100) / 100) };
}
