import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL only: the deliveries and jobs tables are queues, and PostgreSQL's MVCC makes a naïve queue expensive.
 *
 * 1. A claim only sets `lease_until`. While that column was in the due index, every claim was a non-HOT update: a new
 *    tuple plus an entry in each of the table's three indexes per claimed row (~25 buffer touches per row, the largest
 *    single cost of a PostgreSQL worker). The due index now leaves `lease_until` out — a claim reads it from the row it
 *    locks anyway — and the table keeps a fifth of each page free, so the lease is a HOT update on the same page with
 *    no index work, and page pruning reclaims the old versions as it goes. (SQLite keeps the covering index: there a
 *    claim that must skip a saturated endpoint's rows reads only the index.)
 * 2. Every delivery made leaves a dead entry in the partial due index until VACUUM removes it, and claims step over
 *    those entries. Autovacuum's defaults wait until a fifth of the table is dead; these tables are vacuumed and
 *    analysed after 2 % instead (heap pages already clean are skipped by the visibility map).
 *
 * Upgrading a large installation: rebuilding the partial due index reads the whole deliveries table once (seconds per
 * million rows); writes to it wait meanwhile, reads do not. The storage parameters take no table-wide lock.
 */
const QUEUE_TABLES = ['deliveries', 'jobs'];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropIndex('deliveries_due').execute();
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['next_attempt_at', 'webhook_id', 'organization_id'])
    .where(sql.ref('status'), '=', 'pending').execute();
  await sql`ALTER TABLE deliveries SET (fillfactor = 80)`.execute(db);
  for (const table of QUEUE_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of QUEUE_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`.execute(db);
  }
  await sql`ALTER TABLE deliveries RESET (fillfactor)`.execute(db);
  await db.schema.dropIndex('deliveries_due').execute();
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['next_attempt_at', 'lease_until', 'webhook_id', 'organization_id'])
    .where(sql.ref('status'), '=', 'pending').execute();
}
