import type { Kysely } from 'kysely';

/**
 * Every upload wrote each of its deliveries into two per-webhook indexes, (webhook_id, id) and
 * (webhook_id, created_at): two scattered leaf pages per webhook in every commit. Delivery ids are time-ordered, so
 * the first index also answers "this webhook's deliveries created between A and B" (see deliveryIdRange).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_webhook_created').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('deliveries_webhook_created').on('deliveries').columns(['webhook_id', 'created_at']).execute();
}
