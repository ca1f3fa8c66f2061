import { stackCpuMeter, startStack, type StackOptions } from '../lib/cargolint.js';
import { checkLedger, waitForSettled, type Ledger } from '../lib/ledger.js';
import { uploadMany } from '../lib/load.js';
import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { peakRssMb, runningGroups } from '../lib/procs.js';
import type { Receiver } from '../lib/receiver-client.js';

export interface ThroughputOptions extends StackOptions {
  uploads: number;
  webhooks: number;
  /** Upload clients working side by side. */
  concurrency: number;
}

export interface ThroughputResult {
  dialect: string;
  workers: number;
  uploads: number;
  webhooks: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  uploadsPerSecond: number;
  /** From the last upload's answer until the receiver held every delivery: how far delivery trailed the uploads. */
  trailSeconds: number;
  /** CPU of the CargoLint processes (all threads) during the run, per delivery. */
  cpuMsPerDelivery: number;
  /** The same, split by CargoLint process (serve, worker-1, …): where a multi-process run spends its CPU. */
  cpuMsPerDeliveryByProcess: Record<string, number>;
  duplicates: number;
  peakRssMb: Record<string, number | null>;
  ledger: Ledger;
  cpu: CpuReading;
  /** Offsets since the serve process started, for cutting its CPU profile to the measured window. */
  window: { fromMs: number; toMs: number };
}

/**
 * End to end: uploads through the API, each document.uploaded event fanned out to `webhooks` endpoints (one receiver
 * listener per webhook: distinct origins, as distinct customers would be), timed from the first upload until the
 * receiver counted every delivery.
 */
export async function runThroughput(receiver: Receiver, options: ThroughputOptions): Promise<ThroughputResult> {
  if (receiver.ports.length < options.webhooks) throw new Error(`the receiver needs ${options.webhooks} listeners`);
  await receiver.reset();
  const stack = await startStack(options);
  try {
    const webhookIds: string[] = [];
    for (let i = 0; i < options.webhooks; i++) webhookIds.push(await stack.createWebhook(receiver.url(i)));
    const expected = options.uploads * options.webhooks;
    const meter = cpuMeter(runningGroups);
    const cargolintCpu = stackCpuMeter(stack);
    const upload = await uploadMany(stack, options.uploads, options.concurrency);
    const doneAt = await receiver.waitForUnique(expected, 600_000);
    const cpu = meter();
    // Less sensitive to what else the machine does than the rate: the CargoLint processes' own CPU per delivery.
    const cargolintCpuMs = cargolintCpu();
    const perDelivery = (ms: number) => Math.round((ms / expected) * 1000) / 1000;
    const peak = { serve: stack.peakRssMb(), ...Object.fromEntries(stack.workers.map((w) => [w.name, peakRssMb(w.pid)])) };
    await waitForSettled(stack, 30_000);
    const stats = await receiver.stats();
    const ledger = await checkLedger(stack, upload.ids.length, webhookIds, await receiver.ids());
    const seconds = (doneAt - upload.startedAt) / 1000;
    return {
      dialect: options.dialect, workers: options.dialect === 'postgres' ? options.workers ?? 1 : 0, uploads: options.uploads, webhooks: options.webhooks,
      deliveries: expected, seconds: round(seconds), deliveriesPerSecond: Math.round(expected / seconds),
      uploadsPerSecond: Math.round(options.uploads / ((upload.endedAt - upload.startedAt) / 1000)),
      trailSeconds: round((doneAt - upload.endedAt) / 1000), cpuMsPerDelivery: perDelivery(cargolintCpuMs.totalMs),
      cpuMsPerDeliveryByProcess: Object.fromEntries(Object.entries(cargolintCpuMs.byProcess).map(([name, ms]) => [name, perDelivery(ms)])), duplicates: stats.duplicates, peakRssMb: roundAll(peak), ledger, cpu,
      window: { fromMs: upload.startedAt - stack.server.startedAt, toMs: doneAt - stack.server.startedAt },
    };
  } finally {
    await stack.stop();
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundAll = (o: Record<string, number | null>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? null : Math.round(v)]));
