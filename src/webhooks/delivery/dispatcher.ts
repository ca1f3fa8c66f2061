import type { AppContext } from '../../context.js';
import { oncePerTurn } from '../../next-turn.js';
import { VERSION } from '../../version.js';
import { createDeliveryClient } from '../http-client.js';
import { createThreadedDeliveryClient } from '../threaded-client.js';
import * as repo from './delivery.repository.js';
import { recordOutcomeBatch, type AttemptOutcome } from './record-outcome.js';

export interface DispatcherOptions {
  concurrency?: number;
  endpointConcurrency?: number;
  batchSize?: number;
  pollMs?: number;
  /** How long past the attempt timeout a claim stays leased before another worker may take it over. */
  leaseMarginMs?: number;
  organizationConcurrency?: number;
  /**
   * POST from a thread of their own (default) so that they do not compete with the API on the main thread. A
   * dedicated `worker` process serves no API: there the hand-off would only add CPU, so it sends in-process.
   */
  sendOnThread?: boolean;
  /** Injected by tests to prove DNS rebinding is refused. */
  resolve?: Parameters<typeof createDeliveryClient>[0]['resolve'];
}

export interface Dispatcher {
  stop(): Promise<void>;
  readonly inFlight: number;
}

type WebhookRow = Awaited<ReturnType<typeof repo.loadWebhooks>>[number];

const saturatedKeys = (counts: Map<string, number>, cap: number) => [...counts].filter(([, n]) => n >= cap).map(([key]) => key);

function release(counts: Map<string, number>, key: string) {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key); else counts.set(key, left);
}

const USER_AGENT = `CargoLint-Webhooks/${VERSION}`;

/**
 * When a claim that skipped the organizations at their fair share found nothing else due, repeating it at every
 * completion would scan the skip window each time for nothing; for this long the idle slots are lent at once.
 */
const OTHERS_QUIET_MS = 100;

/**
 * Claims due deliveries in batches, signs and POSTs them with bounded concurrency (overall and per endpoint), and
 * records outcomes in batched transactions. A crash between claim and record only delays a delivery until its lease
 * ends; it is then claimed again (at-least-once).
 */
export function startDispatcher(ctx: AppContext, options: DispatcherOptions = {}): Dispatcher {
  const { config, db, handle } = ctx;
  const concurrency = options.concurrency ?? config.deliveryConcurrency;
  const endpointCap = options.endpointConcurrency ?? config.endpointConcurrency;
  // An organization's fair share is half the slots; while nobody else has work due it may borrow up to the burst cap.
  // The last quarter is never lent: another customer's events always find room at once.
  const organizationCap = options.organizationConcurrency ?? Math.max(1, Math.ceil(concurrency / 2));
  const organizationReserve = Math.max(1, Math.ceil(concurrency / 4));
  const organizationBurst = Math.max(organizationCap, concurrency - organizationReserve);
  const batchSize = options.batchSize ?? 100;
  const leaseMs = config.deliveryTimeoutMs + (options.leaseMarginMs ?? 30_000);
  // Several webhooks may share an origin; the per-endpoint cap is enforced above, so the pool must not be the limit.
  const clientOptions = { allowInsecure: config.allowInsecureWebhookUrls, timeoutMs: config.deliveryTimeoutMs, connectionsPerOrigin: concurrency };
  // An injected resolver (a function, tests only) cannot cross to the thread.
  const client = options.resolve || options.sendOnThread === false
    ? createDeliveryClient({ ...clientOptions, resolve: options.resolve })
    : createThreadedDeliveryClient(clientOptions);
  const policy = { retrySchedule: config.retrySchedule, disableAfterFailures: config.disableAfterFailures, disableAfterSeconds: config.disableAfterSeconds };
  const secretCache = new Map<string, string>();

  let inFlight = 0;
  const perWebhook = new Map<string, number>();
  const perOrganization = new Map<string, number>();
  let outcomes: AttemptOutcome[] = [];
  let flushing: Promise<void> | null = null;
  let claiming: Promise<void> | null = null;
  let claimAgain = false;
  let stopping = false;
  let wakeTimer: NodeJS.Timeout | null = null;
  let wakeAt = Infinity;

  const open = (sealed: string) => {
    let plain = secretCache.get(sealed);
    if (plain === undefined) {
      plain = ctx.secretBox.open(sealed);
      if (secretCache.size > 10_000) secretCache.clear();
      secretCache.set(sealed, plain);
    }
    return plain;
  };

  function secretsOf(w: WebhookRow, now: number): string[] {
    const secrets = [open(w.secret_encrypted)];
    if (w.previous_secret_encrypted && w.previous_secret_expires_at && Number(w.previous_secret_expires_at) > now) {
      secrets.push(open(w.previous_secret_encrypted));
    }
    return secrets;
  }

  function scheduleWake(at: number) {
    if (stopping || at >= wakeAt) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => { wakeAt = Infinity; wakeTimer = null; void claim(); }, Math.max(0, at - Date.now()));
    wakeTimer.unref();
  }

  // Responses that arrive in one turn of the event loop are recorded in one transaction, and the slots they free
  // are refilled by one claim: batching is what keeps the database side far below the HTTP side.
  const flushSoon = oncePerTurn(() => startFlush());
  function finish(outcome: AttemptOutcome) {
    outcomes.push(outcome);
    if (!flushing) flushSoon();
  }

  const claimSoon = oncePerTurn(() => { if (!stopping) void claim(); });

  function startFlush() {
    if (flushing) return;
    // Assigned before the flush can settle, and cleared only by its own completion: `flushing` never outlives it.
    flushing = flush().finally(() => {
      flushing = null;
      if (outcomes.length > 0) startFlush(); // arrived while the last statement committed
      claimSoon();
    });
  }

  async function flush(): Promise<void> {
    try {
      while (outcomes.length > 0) {
        const batch = outcomes;
        outcomes = [];
        const now = Date.now();
        const wakeTimes = await recordOutcomeBatch(db, batch, policy, now);
        for (const t of wakeTimes) scheduleWake(t);
      }
    } catch (error) {
      // The leases run out and the deliveries are attempted again: at-least-once, never lost.
      ctx.log.error({ err: error }, 'recording delivery outcomes failed');
    }
  }

  async function attempt(row: repo.ClaimedDelivery, webhook: WebhookRow, event: { body: string; test: number }) {
    const startedAt = Date.now();
    const number = row.attempt_count + 1;
    try {
      const result = await client.send(webhook.url, {
        body: event.body, eventId: row.event_id, deliveryId: row.id, eventType: row.event_type,
        timestampSeconds: Math.floor(startedAt / 1000), secrets: secretsOf(webhook, startedAt), userAgent: USER_AGENT,
      });
      ctx.metrics.deliveryAttempts.inc({ outcome: result.error ?? 'success' });
      ctx.metrics.deliveryLatency.observe(result.durationMs / 1000);
      finish({
        deliveryId: row.id, webhookId: row.webhook_id, number, test: event.test === 1, startedAt, durationMs: result.durationMs,
        statusCode: result.statusCode, error: result.error, errorDetail: result.errorMessage ?? null, responseBody: result.responseBody, retryAfterSeconds: result.retryAfterSeconds,
      });
    } catch (error) {
      ctx.log.error({ err: error, delivery: row.id }, 'delivery attempt crashed');
      finish({ deliveryId: row.id, webhookId: row.webhook_id, number, test: event.test === 1, startedAt, durationMs: Date.now() - startedAt, statusCode: null, error: 'internal', responseBody: '', retryAfterSeconds: null });
    } finally {
      inFlight--;
      release(perWebhook, row.webhook_id);
      release(perOrganization, row.organization_id);
      claimSoon();
    }
  }

  /** One claim per call; a full batch asks for another on the next turn of the event loop, never in a tight loop. */
  function claim(): Promise<void> {
    if (claiming) { claimAgain = true; return claiming; }
    claiming = claimBatch().finally(() => {
      claiming = null;
      if (claimAgain) {
        claimAgain = false;
        claimSoon();
      }
    });
    return claiming;
  }

  /** Starts the claimed rows within the caps (`orgCap` for their organization); returns the ids it had to give back. */
  async function startClaimed(rows: repo.ClaimedDelivery[], orgCap: number, now: number): Promise<string[]> {
    const [webhooks, events] = await Promise.all([
      repo.loadWebhooks(db, [...new Set(rows.map((r) => r.webhook_id))]),
      repo.loadEvents(db, [...new Set(rows.map((r) => r.event_id))]),
    ]);
    const webhookById = new Map(webhooks.map((w) => [w.id, w]));
    const eventById = new Map(events.map((e) => [e.id, e]));
    const released: string[] = [];
    for (const row of rows) {
      const webhook = webhookById.get(row.webhook_id);
      const event = eventById.get(row.event_id)!;
      const base = { deliveryId: row.id, webhookId: row.webhook_id, number: row.attempt_count, test: event.test === 1, startedAt: now, durationMs: 0, statusCode: null, error: null, responseBody: '', retryAfterSeconds: null };
      if (!webhook || webhook.deleted_at !== null) { finish({ ...base, skipped: 'webhook_deleted' }); continue; }
      if (webhook.status !== 'active' && event.test !== 1) { finish({ ...base, skipped: 'webhook_disabled' }); continue; }
      const busy = perWebhook.get(row.webhook_id) ?? 0;
      const orgBusy = perOrganization.get(row.organization_id) ?? 0;
      if (busy >= endpointCap || orgBusy >= orgCap) { released.push(row.id); continue; }
      perWebhook.set(row.webhook_id, busy + 1);
      perOrganization.set(row.organization_id, orgBusy + 1);
      inFlight++;
      void attempt(row, webhook, event);
    }
    if (released.length > 0) await repo.releaseDeliveries(db, released);
    return released;
  }

  let othersQuietUntil = 0;

  async function claimBatch(): Promise<void> {
    let more = false;
    try {
      const free = Math.min(batchSize, concurrency - inFlight);
      if (stopping || free <= 0) return;
      const now = Date.now();
      const saturatedOrganizations = saturatedKeys(perOrganization, organizationCap);
      let claimedAll = false;
      if (saturatedOrganizations.length === 0 || now >= othersQuietUntil) {
        const rows = await repo.claimDeliveries(db, handle.dialect, free, {
          webhookIds: saturatedKeys(perWebhook, endpointCap), organizationIds: saturatedOrganizations,
        }, now + leaseMs, now);
        const released = rows.length > 0 ? await startClaimed(rows, organizationCap, now) : [];
        // Released rows mean a cap was reached within this batch: the next completion will claim again.
        more = rows.length === free && released.length === 0;
        claimedAll = rows.length === free;
        if (rows.length === 0 && saturatedOrganizations.length > 0) othersQuietUntil = now + OTHERS_QUIET_MS;
      }
      if (!claimedAll && saturatedOrganizations.length > 0 && !stopping) {
        // Nothing else is due: the organizations at their fair share may borrow idle slots, up to their burst cap,
        // so one busy customer is not held to half the capacity while the other half idles. The reserve stays free
        // for whoever's events come next; their claims take precedence as slots free up.
        const room = Math.min(batchSize, concurrency - organizationReserve - inFlight);
        if (room > 0) {
          const borrowed = await repo.claimDeliveries(db, handle.dialect, room, {
            webhookIds: saturatedKeys(perWebhook, endpointCap), organizationIds: saturatedKeys(perOrganization, organizationBurst),
          }, now + leaseMs, now);
          if (borrowed.length > 0) await startClaimed(borrowed, organizationBurst, now);
        }
      }
    } catch (error) {
      ctx.log.error({ err: error }, 'claiming deliveries failed; the poll will retry');
    }
    if (more) claimSoon();
  }

  const unsubscribe = ctx.wakeups.on('deliveries', claimSoon);
  const poll = setInterval(() => void claim(), options.pollMs ?? 1000);
  void claim();

  return {
    get inFlight() { return inFlight; },
    async stop() {
      stopping = true;
      clearInterval(poll);
      if (wakeTimer) clearTimeout(wakeTimer);
      unsubscribe();
      // A claim on its way starts its attempts before stop() may wait for them.
      if (claiming) await claiming;
      while (inFlight > 0 || flushing || outcomes.length > 0) {
        if (flushing) await flushing;
        else if (outcomes.length > 0) startFlush();
        else await new Promise((r) => setTimeout(r, 10));
      }
      await client.close();
    },
  };
}
