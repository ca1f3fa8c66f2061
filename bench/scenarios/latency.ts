import { startStack } from '../lib/cargolint.js';
import { checkLedger, type Ledger } from '../lib/ledger.js';
import { summarize, uploadEvery } from '../lib/load.js';
import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { runningGroups } from '../lib/procs.js';
import { startReceiver, type Receiver } from '../lib/receiver-client.js';

export interface LatencyOptions {
  uploads: number;
  intervalMs: number;
  /** Other subscribed endpoints that accept connections and never answer (0 for the plain latency run). */
  hangingEndpoints: number;
  /** Uploads before the measured ones, so the figures describe a warm server (JIT, lazy imports, caches). */
  warmup: number;
}

export interface LatencyResult {
  uploads: number;
  intervalMs: number;
  hangingEndpoints: number;
  /** Upload request start → delivery arrival at the receiver, in ms. */
  latencyMs: { count: number; p50: number; p99: number; max: number };
  /** The upload request itself (start → response), in ms: context for the figure above. */
  uploadResponseMs: { count: number; p50: number; p99: number; max: number };
  missing: number;
  /** The ten slowest deliveries: when their upload started (ms into the measured run) and how long they took. */
  slowest: Array<{ atMs: number; ms: number }>;
  hungRequests: number;
  ledger: Ledger;
  cpu: CpuReading;
}

/** Light load: one upload every `intervalMs`, one healthy webhook, optionally beside endpoints that hang. */
export async function runLatency(receiver: Receiver, options: LatencyOptions): Promise<LatencyResult> {
  await receiver.reset();
  await receiver.configure({ record: true });
  const hanging = options.hangingEndpoints > 0 ? await startReceiver({ mode: 'hang', listeners: options.hangingEndpoints }) : null;
  const stack = await startStack({ dialect: 'sqlite' });
  try {
    const webhookIds = [await stack.createWebhook(receiver.url(0))];
    for (let i = 0; i < options.hangingEndpoints; i++) webhookIds.push(await stack.createWebhook(hanging!.url(i)));

    await uploadEvery(stack, options.warmup, options.intervalMs);
    await receiver.waitForUnique(options.warmup, 30_000);
    const meter = cpuMeter(runningGroups);
    const { started, responseMs } = await uploadEvery(stack, options.uploads, options.intervalMs);
    await receiver.waitForUnique(options.warmup + options.uploads, 60_000).catch(() => undefined);
    const cpu = meter();
    const arrivals = new Map(await receiver.arrivals());
    const measured = [...started].filter(([id]) => arrivals.has(id)).map(([id, at]) => ({ at, ms: arrivals.get(id)! - at }));
    const latencies = measured.map((m) => m.ms);
    const firstAt = Math.min(...started.values());
    const slowest = measured.sort((a, b) => b.ms - a.ms).slice(0, 10).map((m) => ({ atMs: Math.round(m.at - firstAt), ms: Math.round(m.ms) }));
    const hungRequests = hanging ? (await hanging.stats()).hung : 0;
    const ledger = await checkLedger(stack, options.warmup + options.uploads, webhookIds, await receiver.ids());
    return {
      uploads: options.uploads, intervalMs: options.intervalMs, hangingEndpoints: options.hangingEndpoints,
      latencyMs: summarize(latencies), uploadResponseMs: summarize(responseMs), missing: options.uploads - latencies.length,
      slowest, hungRequests, ledger, cpu,
    };
  } finally {
    await receiver.configure({ record: false });
    // Hung requests fail at once when their endpoint goes away, so the server stops without waiting out the timeout.
    await hanging?.stop();
    await stack.stop();
  }
}
