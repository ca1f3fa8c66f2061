import { describe, expect, it } from 'vitest';
import { executeTogether, insertQueries, insertRows, insertTogether, insertTogetherIfUpdated, type TableRows } from '../../src/db/insert-rows.js';
import { closeAfterAll, DIALECTS, migratedDatabase, POSTGRES_URL } from '../helpers/db.js';

describe.each(DIALECTS)('insertRows on %s', (dialect) => {
  const closeLater = closeAfterAll();

  const attempt = (deliveryId: string, number: number, extra: Partial<{ status_code: number | null; error: string | null }> = {}) => ({
    delivery_id: deliveryId, number, webhook_id: 'wh_1', started_at: 1_800_000_000_000 + number, duration_ms: 12,
    status_code: 200, error: null, error_detail: null, response_body: `ok ${number}`, ...extra,
  });

  it('writes many rows in one statement, nulls included, and reads back exactly what was given', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
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
    closeLater(handle);
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 1)]);
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 1, { status_code: 500 }), attempt('dlv_c', 2)], { onConflictDoNothing: true });
    const stored = await handle.db.selectFrom('delivery_attempts').select(['number', 'status_code']).where('delivery_id', '=', 'dlv_c').orderBy('number').execute();
    expect(stored).toEqual([{ number: 1, status_code: 200 }, { number: 2, status_code: 200 }]);
    await expect(insertRows(handle.db, 'delivery_attempts', [attempt('dlv_c', 2)])).rejects.toThrow();
  });

  it('does nothing for no rows', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    await insertRows(handle.db, 'delivery_attempts', []);
    expect(await handle.db.selectFrom('delivery_attempts').selectAll().execute()).toEqual([]);
  });

  const job = (id: string): TableRows<'jobs'> => ({ table: 'jobs', rows: [{ id, task: 't', payload: '{}', status: 'queued', run_at: 1, attempts: 0, max_attempts: 5, lease_until: 0, last_error: null, created_at: 1, updated_at: 1 }] });
  const event = (id: string): TableRows<'events'> => ({ table: 'events', rows: [{ id, organization_id: 'org_1', type: 'document.uploaded', body: '{}', test: 0, created_at: 1 }] });
  // The unit an upload writes: on PostgreSQL one statement, on SQLite one insert after another in the caller's transaction.
  const together = (db: Parameters<typeof insertTogether>[0], parts: TableRows[]) =>
    dialect === 'postgres' ? insertTogether(db, parts) : db.transaction().execute((trx) => insertTogether(trx, parts));

  it('writes rows of several tables together, each part with its own columns and conflict rule', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    await insertRows(handle.db, 'delivery_attempts', [attempt('dlv_t', 1)]);
    await together(handle.db, [
      event('evt_1'),
      { table: 'delivery_attempts', rows: [attempt('dlv_t', 1, { status_code: 500 }), attempt('dlv_t', 2)], onConflictDoNothing: true },
      { table: 'deliveries', rows: [] },
      job('job_1'),
    ]);
    expect(await handle.db.selectFrom('events').select('id').execute()).toEqual([{ id: 'evt_1' }]);
    expect(await handle.db.selectFrom('jobs').select(['id', 'payload']).execute()).toEqual([{ id: 'job_1', payload: '{}' }]);
    const attempts = await handle.db.selectFrom('delivery_attempts').select(['number', 'status_code']).where('delivery_id', '=', 'dlv_t').orderBy('number').execute();
    expect(attempts).toEqual([{ number: 1, status_code: 200 }, { number: 2, status_code: 200 }]);
  });

  it('writes none of the parts when one of them fails', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    await insertRows(handle.db, 'jobs', job('job_taken').rows);
    await expect(together(handle.db, [event('evt_2'), job('job_taken')])).rejects.toThrow();
    expect(await handle.db.selectFrom('events').select('id').execute()).toEqual([]);
    expect(await handle.db.selectFrom('jobs').select('id').execute()).toEqual([{ id: 'job_taken' }]);
  });

  it('runs statements of several kinds together, each with its own parameters', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const { db } = handle;
    await insertRows(db, 'jobs', job('job_old').rows);
    const postgres = dialect === 'postgres';
    await executeTogether(db, [
      ...insertQueries(postgres, event('evt_4')),
      db.updateTable('jobs').set({ payload: '{"n":1}', attempts: 3 }).where('id', '=', 'job_old').compile(),
      ...insertQueries(postgres, job('job_new')),
    ]);
    expect(await db.selectFrom('events').select(['id', 'organization_id']).execute()).toEqual([{ id: 'evt_4', organization_id: 'org_1' }]);
    expect(await db.selectFrom('jobs').select(['id', 'payload', 'attempts']).orderBy('id').execute())
      .toEqual([{ id: 'job_new', payload: '{}', attempts: 0 }, { id: 'job_old', payload: '{"n":1}', attempts: 3 }]);
  });

  const deliveries = (count: number): TableRows<'deliveries'> => ({
    table: 'deliveries',
    rows: Array.from({ length: count }, (_, i) => ({
      id: `dlv_${String(i).padStart(6, '0')}`, organization_id: 'org_1', webhook_id: `wh_${i}`, event_id: 'evt_big', event_type: 'document.uploaded',
      status: 'pending', attempt_count: 0, last_status_code: null, last_error: null, next_attempt_at: 1, lease_until: 0, created_at: 1, updated_at: 1,
    })),
  });

  it('splits rows past the engines\' parameter limits into several statements (an organization with thousands of webhooks)', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    // 3,000 rows × 13 columns = 39,000 parameters: over SQLite's 32,766 in one statement.
    await insertTogether(handle.db, [event('evt_big'), deliveries(3_000), job('job_big')]);
    const counted = await handle.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(3_000);
    expect(await handle.db.selectFrom('events').select('id').execute()).toEqual([{ id: 'evt_big' }]);
  });

  it('keeps several statements one unit: a failing part past the limit writes nothing, even without a caller\'s transaction', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    await insertRows(handle.db, 'jobs', job('job_dup').rows);
    await expect(insertTogether(handle.db, [event('evt_3'), deliveries(3_000), job('job_dup')])).rejects.toThrow();
    const counted = await handle.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(0);
    expect(await handle.db.selectFrom('events').select('id').execute()).toEqual([]);
  });
});

// PostgreSQL only: SQLite has no data-modifying WITH; there the caller runs the update and the inserts in a transaction.
describe.skipIf(!POSTGRES_URL)('insertTogetherIfUpdated on postgres (needs CARGOLINT_TEST_DATABASE_URL)', () => {
  const closeLater = closeAfterAll();

  async function withJob() {
    const { handle } = await migratedDatabase('postgres');
    closeLater(handle);
    const job = { id: 'job_1', task: 't', payload: '{}', status: 'queued', run_at: 1, attempts: 0, max_attempts: 5, lease_until: 0, last_error: null, created_at: 1, updated_at: 1 };
    await handle.db.insertInto('jobs').values(job).execute();
    const guard = (status: string) => handle.db.updateTable('jobs').set({ status: 'done', updated_at: 2 })
      .where('id', '=', 'job_1').where('status', '=', status).returning('id').compile();
    const finding = (position: number, hint: string | null) => ({ document_id: 'doc_1', position, rule_id: 'r', severity: 'warning', message: `m'${position}`, path: '/a', hint });
    return { db: handle.db, guard, finding };
  }

  it('inserts every part, typed by its table, when the guard changed a row', async () => {
    const { db, guard, finding } = await withJob();
    const changed = await insertTogetherIfUpdated(db, guard('queued'), [
      { table: 'findings', rows: [finding(0, null), finding(1, 'h')] },
      { table: 'delivery_attempts', rows: [{ delivery_id: 'dlv_1', number: 1, webhook_id: 'wh_1', started_at: 1_800_000_000_000, duration_ms: 3, status_code: null, error: 'timeout', error_detail: null, response_body: '' }] },
    ]);
    expect(changed).toBe(1);
    expect(await db.selectFrom('findings').selectAll().orderBy('position').execute()).toEqual([finding(0, null), finding(1, 'h')]);
    expect(await db.selectFrom('delivery_attempts').select(['started_at', 'status_code', 'error']).execute())
      .toEqual([{ started_at: 1_800_000_000_000, status_code: null, error: 'timeout' }]);
    expect((await db.selectFrom('jobs').select('status').executeTakeFirstOrThrow()).status).toBe('done');
  });

  it('inserts nothing when the guard changed nothing', async () => {
    const { db, guard, finding } = await withJob();
    expect(await insertTogetherIfUpdated(db, guard('failed'), [{ table: 'findings', rows: [finding(0, null)] }])).toBe(0);
    expect(await db.selectFrom('findings').selectAll().execute()).toEqual([]);
  });

  it('is one unit: a failing insert undoes the guard\'s update', async () => {
    const { db, guard, finding } = await withJob();
    await expect(insertTogetherIfUpdated(db, guard('queued'), [{ table: 'findings', rows: [finding(0, null), finding(0, null)] }])).rejects.toThrow();
    expect((await db.selectFrom('jobs').select('status').executeTakeFirstOrThrow()).status).toBe('queued');
    expect(await db.selectFrom('findings').selectAll().execute()).toEqual([]);
  });

  it('refuses binary columns rather than write them as JSON', async () => {
    const { db, guard } = await withJob();
    await expect(insertTogetherIfUpdated(db, guard('queued'), [{ table: 'blobs', rows: [{ sha256: 'a', content: Buffer.from('x'), size_bytes: 1, created_at: 1 }] }]))
      .rejects.toThrow(/binary/);
    expect((await db.selectFrom('jobs').select('status').executeTakeFirstOrThrow()).status).toBe('queued');
  });
});
