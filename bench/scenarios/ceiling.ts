import { cpuMeter, processCpuMs, type CpuReading } from '../lib/machine.js';
import { runningGroups, startTsProcess, waitForLine } from '../lib/procs.js';
import type { Receiver } from '../lib/receiver-client.js';

export interface CeilingResult {
  perSecond: number; sent: number; failed: number; seconds: number; bodyBytes: number; cpu: CpuReading;
  /** The sender's CPU per signed POST (measured window): the least any dispatcher spends to send one. */
  cpuMsPerPost: number | null;
  /** The receiver process's CPU per request it answered (warm-up included): what each delivery costs the other side. */
  receiverCpuMsPerPost: number | null;
}

/** Signed POSTs per second from one sender process to the receiver process: the yardstick for the dispatcher. */
export async function runCeiling(receiver: Receiver, smoke: boolean): Promise<CeilingResult> {
  await receiver.reset();
  const meter = cpuMeter(runningGroups);
  const receiverCpuBefore = processCpuMs(receiver.proc.pid);
  const sender = startTsProcess('ceiling-sender', 'bench/lib/ceiling-sender.ts', [
    `--url=${receiver.url(0, '/ceiling')}`, `--seconds=${smoke ? 1 : 6}`, `--warmup=${smoke ? 0.5 : 2}`, '--concurrency=64',
  ], { oneShot: true });
  const line = await waitForLine(sender, /^RESULT (.*)$/, 60_000);
  if (await sender.exited !== '0') throw new Error(`ceiling sender failed: ${sender.stderrTail.join('\n')}`);
  const receiverCpuAfter = processCpuMs(receiver.proc.pid);
  const answered = (await receiver.stats()).requests;
  const receiverCpuMsPerPost = receiverCpuBefore !== null && receiverCpuAfter !== null && answered > 0
    ? (receiverCpuAfter - receiverCpuBefore) / answered : null;
  return { ...(JSON.parse(line[1]) as Omit<CeilingResult, 'cpu' | 'receiverCpuMsPerPost'>), receiverCpuMsPerPost, cpu: meter() };
}
