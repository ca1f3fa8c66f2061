import { sql } from 'kysely';
import { claimInIndexOrder } from '../../db/claim-in-index-order.js';
import type { DbOrTrx } from '../../db/database.js';

export interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  organization_id: string;
}

/** How many of the oldest due rows a claim looks through when it must skip saturated endpoints or organizations. */
const SKIP_WINDOW = 20_000;

/**
 * Claims due deliveries straight from the deliveries table (it is the queue), oldest due first so every endpoint and
 * organization is served in turn, skipping endpoints and organizations this worker already has at their cap.
 * On PostgreSQL `FOR UPDATE SKIP LOCKED` lets many workers claim side by side, walking the due index in order (see
 * claimInIndexOrder) and setting a column that index leaves out (a HOT update). On SQLite, when rows must be skipped,
 * the scan is bounded to the oldest due rows and reads only the covering index, so a large backlog held by a
 * saturated endpoint cannot make every claim slow.
 */
export async function claimDeliveries(db: DbOrTrx, dialect: 'sqlite' | 'postgres', limit: number, saturated: { webhookIds: string[]; organizationIds: string[] }, leaseUntil: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  const exclude = sql.join([
    ...(saturated.webhookIds.length > 0 ? [sql`AND webhook_id NOT IN (${sql.join(saturated.webhookIds)})`] : []),
    ...(saturated.organizationIds.length > 0 ? [sql`AND organization_id NOT IN (${sql.join(saturated.organizationIds)})`] : []),
  ], sql` `);
  const skipping = saturated.webhookIds.length + saturated.organizationIds.length > 0;
  const due = sql`status = 'pending' AND next_attempt_at <= ${now} AND lease_until < ${now}`;
  const returning = sql`RETURNING id, webhook_id, event_id, event_type, attempt_count, organization_id`;
  if (dialect === 'postgres') {
    const query = sql<ClaimedDelivery>`UPDATE deliveries SET lease_until = ${leaseUntil} WHERE id IN (
      SELECT id FROM deliveries WHERE ${due} ${exclude} ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) ${returning}`;
    return claimInIndexOrder(db, query);
  }
  let query;
  if (skipping) {
    query = sql<ClaimedDelivery>`UPDATE deliveries SET lease_until = ${leaseUntil} WHERE rowid IN (
      SELECT due_rowid FROM (SELECT rowid AS due_rowid, webhook_id, organization_id FROM deliveries WHERE ${due} ORDER BY next_attempt_at LIMIT ${SKIP_WINDOW})
      WHERE 1 = 1 ${exclude} LIMIT ${limit}) ${returning}`;
  } else {
    query = sql<ClaimedDelivery>`UPDATE deliveries SET lease_until = ${leaseUntil} WHERE rowid IN (
      SELECT rowid FROM deliveries WHERE ${due} ORDER BY next_attempt_at LIMIT ${limit}) ${returning}`;
  }
  return (await query.execute(db)).rows;
}

export const loadWebhooks = (db: DbOrTrx, ids: string[]) =>
  db.selectFrom('webhooks')
    .select(['id', 'url', 'status', 'deleted_at', 'secret_encrypted', 'previous_secret_encrypted', 'previous_secret_expires_at'])
    .where('id', 'in', ids).execute();

export const loadEvents = (db: DbOrTrx, ids: string[]) =>
  db.selectFrom('events').select(['id', 'body', 'test']).where('id', 'in', ids).execute();

export const releaseDeliveries = (db: DbOrTrx, ids: string[]) =>
  db.updateTable('deliveries').set({ lease_until: 0 }).where('id', 'in', ids).execute();

export const nextDueAt = async (db: DbOrTrx): Promise<number | null> => {
  const row = await db.selectFrom('deliveries').select((eb) => eb.fn.min('next_attempt_at').as('due'))
    .where('status', '=', 'pending').executeTakeFirst();
  return row?.due == null ? null : Number(row.due);
};
