import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  organization_id: string;
}

/**
 * Claims due deliveries straight from the deliveries table (it is the queue), oldest due first so every endpoint and
 * organization is served in turn, skipping endpoints and organizations this worker already has at their concurrency cap.
 */
export async function claimDeliveries(db: DbOrTrx, dialect: 'sqlite' | 'postgres', limit: number, saturated: { webhookIds: string[]; organizationIds: string[] }, leaseUntil: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  const exclude = sql.join([
    ...(saturated.webhookIds.length > 0 ? [sql`AND webhook_id NOT IN (${sql.join(saturated.webhookIds)})`] : []),
    ...(saturated.organizationIds.length > 0 ? [sql`AND organization_id NOT IN (${sql.join(saturated.organizationIds)})`] : []),
  ], sql` `);
  const lock = dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const result = await sql<ClaimedDelivery>`
    UPDATE deliveries SET lease_until = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now} AND lease_until < ${now} ${exclude}
      ORDER BY next_attempt_at LIMIT ${limit} ${lock}
    )
    RETURNING id, webhook_id, event_id, event_type, attempt_count, organization_id`.execute(db);
  return result.rows;
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
