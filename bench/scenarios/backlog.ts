import { startStack, type StackOptions } from '../lib/cargolint.js';
import { checkLedger, deliveryCounts, waitForSettled, type Ledger } from '../lib/ledger.js';
import { uploadMany } from '../lib/load.js';
import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { runningGroups } from '../lib/procs.js';
import { startReceiver } from '../lib/receiver-client.js';

export interface BacklogOptions {
  uploads: number;
  webhooks: number;
  concurrency: number;
  /** CPU profile / SQL timing of the serve process (the profile-backlog scenario). */
  profile?: Pick<StackOptions, 'cpuProfileDir' | 'sqlTimingFile'>;
}

export interface BacklogResult {
  uploads: number;
  webhooks: number;
  backlog: number;
  retrySchedule: string;
  /** How long the outage lasted (uploads piling up while every endpoint held its requests unanswered). */
  outageSeconds: number;
  uploadsPerSecondDuringOutage: number;
  /** Attempts recorded during the outage (timed out after CARGOLINT_DELIVERY_TIMEOUT_MS). */
  attemptsDuringOutage: number;
  /** Requests the endpoints were holding when they recovered (the dispatcher's slots stuck on them). */
  heldAtReturn: number;
  /** Deliveries that had used up every attempt (failed) before the receiver came back: not part of the drain. */
  exhaustedBeforeReturn: number;
  drained: number;
  drainSeconds: number;
  drainPerSecond: number;
  peakRssMb: number | null;
  ledger: Ledger;
  cpu: CpuReading;
  /** The drain, as offsets since the serve process started (for cutting its CPU profile). */
  window: { fromMs: number; toMs: number };
}

const RETRY_SCHEDULE = '1,1,1,1,1,1,1';

/**
 * Drain after an outage. Every endpoint is stuck (accepts the request, never answers) while uploads pile up
 * `uploads × webhooks` deliveries, then recovers: the held requests are answered and the backlog drains. Timed from
 * the recovery until the receiver holds every delivery. Why stuck rather than refusing: see docs/performance.md
 * (with 1-second retries against a refusing endpoint every pending delivery is retried every second, and the
 * pile-up measures that retry storm instead; the `storm` scenario measures it on purpose).
 */
export async function runBacklog(options: BacklogOptions): Promise<BacklogResult> {
  const receiver = await startReceiver({ listeners: options.webhooks, name: 'receiver-backlog' });
  const stack = await startStack({ dialect: 'sqlite', env: { CARGOLINT_RETRY_SCHEDULE: RETRY_SCHEDULE }, ...options.profile });
  try {
    await receiver.configure({ status: 0 });
    const webhookIds: string[] = [];
    for (let i = 0; i < options.webhooks; i++) webhookIds.push(await stack.createWebhook(receiver.url(i)));
    const upload = await uploadMany(stack, options.uploads, options.concurrency);
    const atReturn = await deliveryCounts(stack);
    const beforeReturn = await receiver.stats();
    const heldAtReturn = beforeReturn.hung;
    const backAt = Date.now();
    const meter = cpuMeter(runningGroups);
    await receiver.configure({ status: 200 });
    const backlog = options.uploads * options.webhooks;
    const target = backlog - atReturn.failed;
    const doneAt = await receiver.waitForUnique(target, 900_000);
    const cpu = meter();
    // Deliveries that had already reached the (stuck) receiver are not counted as drained.
    const drained = target - beforeReturn.unique;
    const peakRssMb = stack.peakRssMb();
    await waitForSettled(stack, 30_000);
    const ledger = await checkLedger(stack, upload.ids.length, webhookIds, await receiver.ids());
    const drainSeconds = (doneAt - backAt) / 1000;
    return {
      uploads: options.uploads, webhooks: options.webhooks, backlog, retrySchedule: RETRY_SCHEDULE,
      outageSeconds: round((backAt - upload.startedAt) / 1000),
      uploadsPerSecondDuringOutage: Math.round(options.uploads / ((upload.endedAt - upload.startedAt) / 1000)),
      attemptsDuringOutage: atReturn.attempts, heldAtReturn, exhaustedBeforeReturn: atReturn.failed, drained,
      drainSeconds: round(drainSeconds), drainPerSecond: Math.round(drained / drainSeconds),
      peakRssMb: peakRssMb === null ? null : Math.round(peakRssMb), ledger, cpu,
      window: { fromMs: backAt - stack.server.startedAt, toMs: doneAt - stack.server.startedAt },
    };
  } finally {
    await receiver.stop();
    await stack.stop();
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
