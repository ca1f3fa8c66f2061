import type { Principal } from '../accounts/accounts.service.js';
import type { AppContext } from '../context.js';
import { EVENT_CATALOGUE, isEventType } from '../events/catalogue.js';
import { emit } from '../events/emit.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { newId } from '../ids.js';
import { generateWebhookSecret } from './signing.js';
import { checkWebhookInput, serializeDelivery, serializeWebhook } from './webhook.js';
import * as repo from './webhook.repository.js';

export interface WebhookInput { url?: string; events?: string[]; active?: boolean; description?: string | null }

export function assertWebhookPlan(principal: Principal) {
  if (principal.plan !== 'business' && principal.plan !== 'enterprise') {
    throw new AppError('plan_upgrade_required', `Webhooks are available on the Business and Enterprise plans; this organization is on ${principal.plan}.`);
  }
}

async function load(ctx: AppContext, principal: Principal, id: string) {
  assertWebhookPlan(principal);
  const webhook = await repo.findWebhook(ctx.db, principal.organizationId, id);
  if (!webhook) throw notFound('Webhook');
  return webhook;
}

export async function createWebhook(ctx: AppContext, principal: Principal, input: Required<Pick<WebhookInput, 'url' | 'events'>> & WebhookInput) {
  assertWebhookPlan(principal);
  checkWebhookInput(input, ctx.config.allowInsecureWebhookUrls);
  const now = Date.now();
  const secret = generateWebhookSecret();
  const active = input.active ?? true;
  const row = {
    id: newId('wh', now), organization_id: principal.organizationId, url: input.url, events: JSON.stringify([...new Set(input.events)]),
    status: active ? 'active' : 'disabled', description: input.description ?? null,
    secret_encrypted: ctx.secretBox.seal(secret), previous_secret_encrypted: null, previous_secret_expires_at: null,
    created_at: now, updated_at: now, disabled_reason: null, disabled_at: active ? null : now, consecutive_failures: 0,
    failure_streak_started_at: null, last_success_at: null, deleted_at: null,
  };
  await repo.insertWebhook(ctx.db, row);
  return serializeWebhook(row, secret);
}

export async function listWebhooks(ctx: AppContext, principal: Principal, limit: number, cursor: string | null) {
  assertWebhookPlan(principal);
  return repo.listWebhooks(ctx.db, principal.organizationId, limit + 1, cursor);
}

export async function getWebhook(ctx: AppContext, principal: Principal, id: string) {
  return serializeWebhook(await load(ctx, principal, id));
}

export async function updateWebhook(ctx: AppContext, principal: Principal, id: string, input: WebhookInput) {
  const webhook = await load(ctx, principal, id);
  checkWebhookInput(input, ctx.config.allowInsecureWebhookUrls);
  const now = Date.now();
  const changes: Parameters<typeof repo.updateWebhook>[2] = { updated_at: now };
  if (input.url !== undefined) changes.url = input.url;
  if (input.events !== undefined) changes.events = JSON.stringify([...new Set(input.events)]);
  if (input.description !== undefined) changes.description = input.description;
  const turningOff = input.active === false && webhook.status === 'active';
  if (input.active === true && webhook.status !== 'active') {
    // Re-enabling starts a fresh streak: the endpoint gets the whole failure budget again.
    Object.assign(changes, { status: 'active', disabled_reason: null, disabled_at: null, consecutive_failures: 0, failure_streak_started_at: null });
  } else if (turningOff) {
    Object.assign(changes, { status: 'disabled', disabled_reason: 'Disabled by a user', disabled_at: now });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWebhook(trx, id, changes);
    if (turningOff) await repo.failPendingDeliveries(trx, id, 'webhook_disabled', now);
  });
  return serializeWebhook((await repo.findWebhook(ctx.db, principal.organizationId, id))!);
}

export async function deleteWebhook(ctx: AppContext, principal: Principal, id: string) {
  await load(ctx, principal, id);
  const now = Date.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWebhook(trx, id, { deleted_at: now, updated_at: now });
    await repo.failPendingDeliveries(trx, id, 'webhook_deleted', now);
  });
}

export async function rotateSecret(ctx: AppContext, principal: Principal, id: string, graceSeconds: number) {
  const webhook = await load(ctx, principal, id);
  const now = Date.now();
  const secret = generateWebhookSecret();
  const expiresAt = graceSeconds > 0 ? now + graceSeconds * 1000 : null;
  await repo.updateWebhook(ctx.db, id, {
    secret_encrypted: ctx.secretBox.seal(secret),
    previous_secret_encrypted: expiresAt ? webhook.secret_encrypted : null,
    previous_secret_expires_at: expiresAt,
    updated_at: now,
  });
  return { secret, previous_secret_expires_at: expiresAt ? new Date(expiresAt).toISOString() : null };
}

export async function sendTest(ctx: AppContext, principal: Principal, id: string, eventType: string | undefined) {
  await load(ctx, principal, id);
  const type = eventType ?? 'webhook.test';
  if (!isEventType(type)) throw validationFailed('event_type', `must be one of ${Object.keys(EVENT_CATALOGUE).join(', ')}`);
  const event = await ctx.db.transaction().execute(async (trx) => {
    const emitted = await emit(trx, { organizationId: principal.organizationId, type, data: EVENT_CATALOGUE[type].sample({ webhookId: id }), onlyWebhookId: id, test: true });
    const delivery = await trx.selectFrom('deliveries').select('id').where('event_id', '=', emitted.id).executeTakeFirstOrThrow();
    return { event_id: emitted.id, delivery_id: delivery.id };
  });
  ctx.wakeups.notify('deliveries');
  return event;
}

export async function listDeliveries(ctx: AppContext, principal: Principal, id: string, filters: { status?: string; eventType?: string }, limit: number, cursor: string | null) {
  await load(ctx, principal, id);
  const rows = await repo.listDeliveries(ctx.db, id, filters, limit + 1, cursor);
  return rows;
}

export async function getDelivery(ctx: AppContext, principal: Principal, id: string, deliveryId: string) {
  await load(ctx, principal, id);
  const delivery = await repo.findDelivery(ctx.db, id, deliveryId);
  if (!delivery) throw notFound('Delivery');
  return serializeDelivery(delivery, await repo.listAttempts(ctx.db, [deliveryId]));
}

function assertSendable(webhook: { status: string }) {
  if (webhook.status !== 'active') {
    throw new AppError('conflict', `This webhook is ${webhook.status}; re-enable it (PATCH {"active": true}) before replaying deliveries`);
  }
}

export async function redeliver(ctx: AppContext, principal: Principal, id: string, deliveryId: string) {
  const webhook = await load(ctx, principal, id);
  assertSendable(webhook);
  const delivery = await repo.findDelivery(ctx.db, id, deliveryId);
  if (!delivery) throw notFound('Delivery');
  await repo.requeueDelivery(ctx.db, deliveryId, Date.now());
  ctx.wakeups.notify('deliveries');
  return { id: deliveryId, status: 'pending' };
}

export async function recover(ctx: AppContext, principal: Principal, id: string, input: { since: string; until?: string; dry_run?: boolean }) {
  const webhook = await load(ctx, principal, id);
  const since = Date.parse(input.since);
  const until = input.until ? Date.parse(input.until) : Date.now();
  if (Number.isNaN(since)) throw validationFailed('since', 'must be an ISO-8601 date-time');
  if (Number.isNaN(until)) throw validationFailed('until', 'must be an ISO-8601 date-time');
  if (until < since) throw validationFailed('until', 'must not be before since');
  if (input.dry_run) return { count: await repo.countRecoverable(ctx.db, id, since, until), dry_run: true };
  assertSendable(webhook);
  const count = await repo.recoverDeliveries(ctx.db, id, since, until, Date.now());
  if (count > 0) ctx.wakeups.notify('deliveries');
  return { count, dry_run: false };
}

/** Hourly buckets of the last 24 hours for the dashboard chart. */
export async function stats(ctx: AppContext, principal: Principal, id: string) {
  await load(ctx, principal, id);
  const hour = 3600_000;
  const end = Math.ceil(Date.now() / hour) * hour;
  const start = end - 24 * hour;
  const attempts = await repo.attemptsSince(ctx.db, id, start);
  const buckets = Array.from({ length: 24 }, (_, i) => ({ start: start + i * hour, ok: 0, failed: 0, durations: [] as number[] }));
  for (const a of attempts) {
    const bucket = buckets[Math.min(23, Math.floor((a.started_at - start) / hour))];
    if (a.status_code !== null && a.status_code >= 200 && a.status_code < 300) bucket.ok++;
    else bucket.failed++;
    bucket.durations.push(a.duration_ms);
  }
  return {
    buckets: buckets.map((b) => {
      const sorted = b.durations.sort((x, y) => x - y);
      return {
        start: new Date(b.start).toISOString(), succeeded: b.ok, failed: b.failed,
        avg_latency_ms: sorted.length ? Math.round(sorted.reduce((s, d) => s + d, 0) / sorted.length) : null,
        p95_latency_ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : null,
      };
    }),
  };
}
