import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { claimInIndexOrder, inlineParameters } from '../../src/db/claim-in-index-order.js';
import { openPostgres } from '../../src/db/database.js';
import { claimDeliveries } from '../../src/webhooks/delivery/delivery.repository.js';
import { closeAfterAll, freshDatabase, migratedDatabase, POSTGRES_URL } from '../helpers/db.js';

describe('inlineParameters', () => {
  it('writes numbers as they are and strings as escaped literals', () => {
    expect(inlineParameters('SELECT $1, $2, $10', [42, "it's", 1, 1, 1, 1, 1, 1, 1, -7.5])).toBe("SELECT 42, 'it''s', -7.5");
  });

  it('refuses anything else rather than guess its SQL form', () => {
    expect(() => inlineParameters('SELECT $1', [null])).toThrow(/\$1/);
    expect(() => inlineParameters('SELECT $1', [Number.NaN])).toThrow(/\$1/);
    expect(() => inlineParameters('SELECT $1', [{}])).toThrow(/\$1/);
  });
});

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

  it('returns what the claim returns, its parameters intact', async () => {
    const db = await queueWithDeadEntries(10, 1);
    const rows = await claimInIndexOrder(db, sql<{ text: string; n: number }>`SELECT ${"it's; COMMIT; --"} AS text, ${42} AS n`);
    expect(rows).toEqual([{ text: "it's; COMMIT; --", n: 42 }]);
  });

  it('leaves its connection usable after a failing claim', async () => {
    // One connection: a transaction left open and aborted would break the next statement.
    const { url } = await freshDatabase('postgres');
    const handle = closeLater(openPostgres(url!, 1));
    await expect(claimInIndexOrder(handle.db, sql`SELECT 1 / ${0} AS x`)).rejects.toThrow(/division by zero/);
    const { rows } = await sql<{ ok: number; bitmap: string }>`SELECT 1 AS ok, current_setting('enable_bitmapscan') AS bitmap`.execute(handle.db);
    expect(rows).toEqual([{ ok: 1, bitmap: 'on' }]);
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
