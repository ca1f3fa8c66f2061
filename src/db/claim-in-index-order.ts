import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './database.js';

/**
 * Runs a PostgreSQL queue claim (`… ORDER BY due LIMIT n FOR UPDATE SKIP LOCKED`) with the planner held to walking
 * the due index in order.
 *
 * Why: the claim is only cheap as an ordered index scan. It stops after n live rows, and it marks the index entries of
 * rows it finds dead (deliveries already made: their old versions stay in the partial due index until VACUUM) so later
 * scans step over them. With stale statistics — a new database, a burst of inserts before autovacuum's next ANALYZE —
 * the planner prefers a bitmap scan plus a sort, which visits every entry in the due range, dead ones included, on
 * every claim and never marks them: measured 12 ms per claim with 49,000 dead entries against 0.6 ms in index order.
 * `SET LOCAL` keeps the setting inside this one transaction.
 */
export async function claimInIndexOrder<T>(db: DbOrTrx, claim: RawBuilder<T>): Promise<T[]> {
  const run = async (trx: DbOrTrx) => {
    await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
    return (await claim.execute(trx)).rows;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
