import type { DbOrTrx } from '../db/database.js';
import type { WebhooksTable } from '../db/schema.js';
import { idRangeForTime } from '../ids.js';

export const insertWebhook = (db: DbOrTrx, row: WebhooksTable) => db.insertInto('webhooks').values(row).execute();

export const findWebhook = (db: DbOrTrx, organizationId: string, id: string) =>
  db.selectFrom('webhooks').selectAll().where('organization_id', '=', organizationId).where('id', '=', id)
    .where('deleted_at', 'is', null).executeTakeFirst();

export const listWebhooks = (db: DbOrTrx, organizationId: string, limit: number, beforeId: string | null) => {
  let q = db.selectFrom('webhooks').selectAll().where('organization_id', '=', organizationId).where('deleted_at', 'is', null);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

export const updateWebhook = (db: DbOrTrx, id: string, changes: Partial<WebhooksTable>) =>
  db.updateTable('webhooks').set(changes).where('id', '=', id).execute();

/** Pending deliveries of a webhook that stopped receiving are kept, as failed, for `recover`. */
export const failPendingDeliveries = (db: DbOrTrx, webhookId: string, reason: string, now: number) =>
  db.updateTable('deliveries')
    .set({ status: 'failed', last_error: reason, next_attempt_at: null, lease_until: 0, updated_at: now })
    .where('webhook_id', '=', webhookId).where('status', '=', 'pending').execute();

export const listDeliveries = (db: DbOrTrx, webhookId: string, filters: { status?: string; eventType?: string }, limit: number, beforeId: string | null) => {
  let q = db.selectFrom('deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.eventType) q = q.where('event_type', '=', filters.eventType);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

export const findDelivery = (db: DbOrTrx, webhookId: string, id: string) =>
  db.selectFrom('deliveries').selectAll().where('webhook_id', '=', webhookId).where('id', '=', id).executeTakeFirst();

export const listAttempts = (db: DbOrTrx, deliveryIds: string[]) =>
  deliveryIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('delivery_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('number').execute();

export const requeueDelivery = (db: DbOrTrx, id: string, now: number) =>
  db.updateTable('deliveries').set({ status: 'pending', next_attempt_at: now, lease_until: 0, updated_at: now }).where('id', '=', id).execute();

// The id bounds let the (webhook_id, id) index narrow the window; created_at stays the exact filter.
const recoverableWindow = (db: DbOrTrx, webhookId: string, since: number, until: number) => {
  const ids = idRangeForTime('dlv', since, until);
  return db.selectFrom('deliveries').where('webhook_id', '=', webhookId).where('status', '=', 'failed')
    .where('id', '>=', ids.from).where('id', '<', ids.to)
    .where('created_at', '>=', since).where('created_at', '<=', until);
};

export const countRecoverable = async (db: DbOrTrx, webhookId: string, since: number, until: number) =>
  Number((await recoverableWindow(db, webhookId, since, until).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);

export const recoverDeliveries = async (db: DbOrTrx, webhookId: string, since: number, until: number, now: number) => {
  const ids = idRangeForTime('dlv', since, until);
  const result = await db.updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: now, lease_until: 0, updated_at: now })
    .where('webhook_id', '=', webhookId).where('status', '=', 'failed')
    .where('id', '>=', ids.from).where('id', '<', ids.to)
    .where('created_at', '>=', since).where('created_at', '<=', until).executeTakeFirst();
  return Number(result.numUpdatedRows);
};

export const attemptsSince = (db: DbOrTrx, webhookId: string, since: number) =>
  db.selectFrom('delivery_attempts').select(['started_at', 'duration_ms', 'status_code'])
    .where('webhook_id', '=', webhookId).where('started_at', '>=', since).execute();
