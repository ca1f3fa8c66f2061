import { afterAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/db/insert-rows.js';
import { DIALECTS, migratedDatabase } from '../helpers/db.js';

describe.each(DIALECTS)('insertRows on %s', (dialect) => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => { for (const h of opened) await h.close(); });

  const attempt = (deliveryId: string, number: number, extra: Partial<{ status_code: number | null; error: string | null }> = {}) => ({
    delivery_id: deliveryId, number, webhook_id: 'wh_1', started_at: 1_800_000_000_000 + number, duration_ms: 12,
    status_code: 200, error: null, error_detail: null, response_body: `ok ${number}`, ...extra,
  });

  it('writes many rows in one statement, nulls included, and reads back exactly what was given', async () => {
    const { handle } = await migratedDatabase(dialect);
    opened.push(handle);
    const rows = Array.from({ length: 25 }, (_, i) => attempt('dlv_a', i + 1, i % 2 ? { status_code: null, error: 'timeout' } : {}));
    await insertRows(handle.db, 'delivery_attempts', rows);
    // Another row count uses its own statement text.
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_b', 1)]);
    const stored = await handle.db.selectFrom('delivery_attempts').selectAll().orderBy('delivery_id').orderBy('number').execute();
    expect(stored).toHaveLength(26);
    expect(stored.slice(0, 25).map((r) => ({ ...r, started_at: Number(r.started_at) }))).toEqual(rows);
    expect(stored[25]).toMatchObject({ delivery_id: 'dlv_b', number: 1, response_body: 'ok 1' });
  });

  it('skips conflicting rows when asked to, and fails on them otherwise', async () => {
    const { handle } = await migratedDatabase(dialect);
    opened.push(handle);
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 1)]);
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 1, { status_code: 500 }), attempt('dlv_c', 2)], { onConflictDoNothing: true });
    const stored = await handle.db.selectFrom('delivery_attempts').select(['number', 'status_code']).where('delivery_id', '=', 'dlv_c').orderBy('number').execute();
    expect(stored).toEqual([{ number: 1, status_code: 200 }, { number: 2, status_code: 200 }]);
    await expect(insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 2)])).rejects.toThrow();
  });

  it('does nothing for no rows', async () => {
    const { handle } = await migratedDatabase(dialect);
    opened.push(handle);
    await insertRows(handle.db, 'delivery_attempts', []);
    expect(await handle.db.selectFrom('delivery_attempts').selectAll().execute()).toEqual([]);
  });
});
