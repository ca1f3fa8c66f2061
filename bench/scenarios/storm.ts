import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { startStack } from '../lib/cargolint.js';
import { checkLedger, deliveryCounts, waitForSettled, type Ledger } from '../lib/ledger.js';
import { summarize, uploadMany } from '../lib/load.js';
import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { runningGroups } from '../lib/procs.js';
import { startReceiver } from '../lib/receiver-client.js';

export interface StormOptions {
  uploads: number;
  webhooks: number;
  concurrency: number;
  /** How long the endpoints stay down once the uploads are in. */
  downSeconds: number;
}

export interface StormResult {
  pending: number;
  downSeconds: number;
  /** Failed attempts per second while every endpoint refused connections and retries were due every second. */
  failedAttemptsPerSecond: number;
  /** What each pending delivery asked for: one attempt per second. */
  retriesDuePerSecond: number;
  /** GET /health while the server retries: how much the retry traffic starves the API. */
  healthMs: { count: number; p50: number; p99: number; max: number };
  drainSeconds: number;
  drainPerSecond: number;
  ledger: Ledger;
  cpu: CpuReading;
}

/**
 * The retry storm: endpoints that refuse connections (down, restarting) with 1-second retries, so every pending
 * delivery is due again every second. Measures the attempts the server manages, the API's responsiveness meanwhile,
 * and the drain once the endpoints listen again on the same ports.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const first = await startReceiver({ listeners: options.webhooks, name: 'receiver-storm' });
  const ports = first.ports;
  await first.stop();
  // Enough one-second steps that nothing runs out of attempts while the endpoints are down.
  const schedule = Array.from({ length: options.downSeconds * 4 + 60 }, () => '1').join(',');
  const stack = await startStack({ dialect: 'sqlite', env: { CARGOLINT_RETRY_SCHEDULE: schedule } });
  let back: Awaited<ReturnType<typeof startReceiver>> | null = null;
  try {
    const webhookIds: string[] = [];
    for (const port of ports) webhookIds.push(await stack.createWebhook(`http://127.0.0.1:${port}/hook`));
    const upload = await uploadMany(stack, options.uploads, options.concurrency);
    const before = await deliveryCounts(stack);
    const t0 = Date.now();
    const meter = cpuMeter(runningGroups);
    const health: number[] = [];
    while (Date.now() - t0 < options.downSeconds * 1000) {
      const start = performance.now();
      const res = await request(`${stack.baseUrl}/health`);
      await res.body.dump();
      health.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await deliveryCounts(stack);
    const cpu = meter();
    const seconds = (Date.now() - t0) / 1000;
    back = await startReceiver({ ports, name: 'receiver-storm' });
    const backAt = Date.now();
    const pending = options.uploads * options.webhooks;
    const doneAt = await back.waitForUnique(pending - after.failed, 600_000);
    await waitForSettled(stack, 30_000);
    const ledger = await checkLedger(stack, upload.ids.length, webhookIds, await back.ids());
    return {
      pending, downSeconds: Math.round(seconds), failedAttemptsPerSecond: Math.round((after.attempts - before.attempts) / seconds),
      retriesDuePerSecond: pending, healthMs: summarize(health),
      drainSeconds: Math.round((doneAt - backAt) / 10) / 100, drainPerSecond: Math.round((pending - after.failed) / ((doneAt - backAt) / 1000)), ledger, cpu,
    };
  } finally {
    await back?.stop();
    await stack.stop();
  }
}
