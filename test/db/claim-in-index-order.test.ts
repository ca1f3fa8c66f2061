import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { claimInIndexOrder } from '../../src/db/claim-in-index-order.js';
import { claimDeliveries } from '../../src/webhooks/delivery/delivery.repository.js';
import { closeAfterAll, migratedDatabase, POSTGRES_URL } from '../helpers/db.js';

// PostgreSQL only: the helper exists for its planner (SQLite has no bitmap scans and claims without it).
describe.skipIf(!POSTGRES_URL)('claimInIndexOrder on postgres (needs CARGOLINT_TEST_DATABASE_URL)', () => {
  const closeLater = closeAfterAll();

  /** A queue as a busy minute leaves it: most rows already delivered (dead entries in the due index), statistics never gathered. */
  async function queueWithDeadEntries(total: number, pending: number) {
    const { handle } = await migratedDatabase('postgres');
    closeLater(handle);
    const { db } = handle;
    for (let start = 0; start < total; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, total - start) }, (_, i) => {
        const n = start + i;
        return { id: `dlv_${String(n).padStart(8, '0')}`, organization_id: 'org_1', webhook_id: `wh_${n % 20}`, event_id: `evt_${Math.floor(n / 20)}`,
          event_type: 'document.uploaded', status: 'pending', attempt_count: 0, last_status_code: null, last_error: null,
          next_attempt_at: 1_000 + n, lease_until: 0, created_at: 1_000 + n, updated_at: 1_000 + n };
      });
      await db.insertInto('deliveries').values(rows).execute();
    }
    await db.updateTable('deliveries').set({ status: 'succeeded', next_attempt_at: null })
      .where('id', '<', `dlv_${String(total - pending).padStart(8, '0')}`).execute();
    return db;
  }

  it('walks the due index in order whatever the statistics say, and only inside its own transaction', async () => {
    const db = await queueWithDeadEntries(5_000, 100);
    const planRows = await claimInIndexOrder(db, sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${10_000_000} AND lease_until < ${10_000_000}
      ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED`);
    const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('Index Scan using deliveries_due');
    expect(plan).not.toContain('Bitmap');
    const { rows } = await sql<{ enable_bitmapscan: string }>`SHOW enable_bitmapscan`.execute(db);
    expect(rows[0].enable_bitmapscan).toBe('on');
  });

  it('claims exactly the live due rows, oldest first, past thousands of dead index entries', async () => {
    const db = await queueWithDeadEntries(5_000, 100);
    const first = await claimDeliveries(db, 'postgres', 60, { webhookIds: [], organizationIds: [] }, 20_000_000, 10_000_000);
    const second = await claimDeliveries(db, 'postgres', 60, { webhookIds: [], organizationIds: [] }, 20_000_000, 10_000_000);
    const ids = [...first, ...second].map((r) => r.id);
    expect(first).toHaveLength(60);
    expect(second).toHaveLength(40);
    expect(new Set(ids).size).toBe(100);
    // RETURNING has no order; the first claim must have taken the 60 oldest due rows.
    expect(ids.slice(0, 60).sort()).toEqual(Array.from({ length: 60 }, (_, i) => `dlv_${String(4_900 + i).padStart(8, '0')}`));
  });

  it('joins a transaction it is given instead of opening one', async () => {
    const db = await queueWithDeadEntries(100, 10);
    const seen = await db.transaction().execute(async (trx) => {
      const inner = (await claimInIndexOrder(trx, sql<{ enable_bitmapscan: string }>`SHOW enable_bitmapscan`))[0].enable_bitmapscan;
      const after = (await sql<{ enable_bitmapscan: string }>`SHOW enable_bitmapscan`.execute(trx)).rows[0].enable_bitmapscan;
      return { inner, after };
    });
    // SET LOCAL lasts until the caller's transaction ends.
    expect(seen).toEqual({ inner: 'off', after: 'off' });
  });
});
