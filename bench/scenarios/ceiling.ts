import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { runningGroups, startTsProcess, waitForLine } from '../lib/procs.js';
import type { Receiver } from '../lib/receiver-client.js';

export interface CeilingResult { perSecond: number; sent: number; failed: number; seconds: number; bodyBytes: number; cpu: CpuReading }

/** Signed POSTs per second from one sender process to the receiver process: the yardstick for the dispatcher. */
export async function runCeiling(receiver: Receiver, smoke: boolean): Promise<CeilingResult> {
  await receiver.reset();
  const meter = cpuMeter(runningGroups);
  const sender = startTsProcess('ceiling-sender', 'bench/lib/ceiling-sender.ts', [
    `--url=${receiver.url(0, '/ceiling')}`, `--seconds=${smoke ? 1 : 6}`, `--warmup=${smoke ? 0.5 : 2}`, '--concurrency=64',
  ], { oneShot: true });
  const line = await waitForLine(sender, /^RESULT (.*)$/, 60_000);
  if (await sender.exited !== '0') throw new Error(`ceiling sender failed: ${sender.stderrTail.join('\n')}`);
  return { ...(JSON.parse(line[1]) as Omit<CeilingResult, 'cpu'>), cpu: meter() };
}
