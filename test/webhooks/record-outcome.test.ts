import { describe, expect, it } from 'vitest';
import { recordOutcomeBatch, recordOutcomes, type AttemptOutcome } from '../../src/webhooks/delivery/record-outcome.js';
import { closeAfterAll, DIALECTS, migratedDatabase } from '../helpers/db.js';

const policy = { retrySchedule: [5, 300], disableAfterFailures: 100, disableAfterSeconds: 3600 };
const T0 = 1_800_000_000_000;

describe.each(DIALECTS)('recordOutcomes on %s: the webhook row on success', (dialect) => {
  const closeLater = closeAfterAll();

  async function setup(webhook: { consecutive_failures: number; failure_streak_started_at: number | null; last_success_at: number | null }) {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const { db } = handle;
    await db.insertInto('organizations').values({ id: 'org_1', name: 'Acme Freight', plan: 'business', created_at: T0 }).execute();
    await db.insertInto('webhooks').values({
      id: 'wh_1', organization_id: 'org_1', url: 'https://example.com/hook', events: '["*"]', status: 'active', description: null,
      secret_encrypted: 'x', previous_secret_encrypted: null, previous_secret_expires_at: null, created_at: T0, updated_at: T0,
      disabled_reason: null, disabled_at: null, deleted_at: null, ...webhook,
    }).execute();
    await db.insertInto('deliveries').values(['dlv_1', 'dlv_2', 'dlv_3', 'dlv_4'].map((id) => ({
      id, organization_id: 'org_1', webhook_id: 'wh_1', event_id: 'evt_1', event_type: 'document.uploaded', status: 'pending',
      attempt_count: 0, last_status_code: null, last_error: null, next_attempt_at: T0, lease_until: T0 + 60_000, created_at: T0, updated_at: T0,
    }))).execute();
    return db;
  }

  const success = (deliveryId: string, startedAt: number): AttemptOutcome => ({
    deliveryId, webhookId: 'wh_1', number: 1, test: false, startedAt, durationMs: 5, statusCode: 200, error: null, responseBody: 'ok', retryAfterSeconds: null,
  });

  it('records last_success_at to the second without rewriting the row in every batch', async () => {
    const db = await setup({ consecutive_failures: 0, failure_streak_started_at: null, last_success_at: null });
    const read = () => db.selectFrom('webhooks').select(['last_success_at', 'consecutive_failures']).where('id', '=', 'wh_1').executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => recordOutcomes(trx, [success('dlv_1', T0)], policy, T0 + 10));
    expect(Number((await read()).last_success_at)).toBe(T0 + 10);
    await db.transaction().execute((trx) => recordOutcomes(trx, [success('dlv_2', T0)], policy, T0 + 500));
    expect(Number((await read()).last_success_at)).toBe(T0 + 10);
    // Both deliveries are recorded either way.
    const statuses = await db.selectFrom('deliveries').select('status').where('id', 'in', ['dlv_1', 'dlv_2']).orderBy('id').execute();
    expect(statuses.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    await db.updateTable('deliveries').set({ status: 'pending' }).where('id', '=', 'dlv_2').execute();
    await db.transaction().execute((trx) => recordOutcomes(trx, [success('dlv_2', T0)], policy, T0 + 1_010));
    expect(Number((await read()).last_success_at)).toBe(T0 + 1_010);
  });

  it('always clears a failure streak, however recent the last success', async () => {
    const db = await setup({ consecutive_failures: 3, failure_streak_started_at: T0 + 100, last_success_at: T0 + 50 });
    await db.transaction().execute((trx) => recordOutcomes(trx, [success('dlv_1', T0)], policy, T0 + 200));
    const row = await db.selectFrom('webhooks').select(['consecutive_failures', 'failure_streak_started_at', 'last_success_at']).where('id', '=', 'wh_1').executeTakeFirstOrThrow();
    expect({ ...row, last_success_at: Number(row.last_success_at) }).toEqual({ consecutive_failures: 0, failure_streak_started_at: null, last_success_at: T0 + 200 });
  });

  const attemptsOf = (db: Awaited<ReturnType<typeof setup>>) =>
    db.selectFrom('delivery_attempts').select(['delivery_id', 'number', 'status_code', 'error', 'response_body']).orderBy('delivery_id').execute();
  const deliveriesOf = async (db: Awaited<ReturnType<typeof setup>>) =>
    (await db.selectFrom('deliveries').select(['id', 'status', 'attempt_count', 'last_status_code', 'last_error', 'next_attempt_at', 'lease_until']).orderBy('id').execute())
      .map((r) => ({ ...r, next_attempt_at: r.next_attempt_at === null ? null : Number(r.next_attempt_at), lease_until: Number(r.lease_until) }));

  it('records a batch of successes as one unit: every attempt row and every delivery, leases released', async () => {
    const db = await setup({ consecutive_failures: 2, failure_streak_started_at: T0, last_success_at: null });
    await recordOutcomeBatch(db, [success('dlv_1', T0), { ...success('dlv_2', T0), statusCode: 204, responseBody: '' }], policy, T0 + 100);
    expect(await attemptsOf(db)).toEqual([
      { delivery_id: 'dlv_1', number: 1, status_code: 200, error: null, response_body: 'ok' },
      { delivery_id: 'dlv_2', number: 1, status_code: 204, error: null, response_body: '' },
    ]);
    expect((await deliveriesOf(db)).slice(0, 2)).toEqual([
      { id: 'dlv_1', status: 'succeeded', attempt_count: 1, last_status_code: 200, last_error: null, next_attempt_at: null, lease_until: 0 },
      { id: 'dlv_2', status: 'succeeded', attempt_count: 1, last_status_code: 204, last_error: null, next_attempt_at: null, lease_until: 0 },
    ]);
    const webhook = await db.selectFrom('webhooks').select(['consecutive_failures', 'failure_streak_started_at']).where('id', '=', 'wh_1').executeTakeFirstOrThrow();
    expect(webhook).toEqual({ consecutive_failures: 0, failure_streak_started_at: null });
  });

  it('records a mixed batch in order: a success clears the streak before a failure of the same batch counts', async () => {
    const db = await setup({ consecutive_failures: 5, failure_streak_started_at: T0, last_success_at: null });
    await recordOutcomeBatch(db, [
      success('dlv_1', T0),
      { ...success('dlv_2', T0), statusCode: 503, responseBody: 'busy' },
      { ...success('dlv_3', T0), number: 0, skipped: 'webhook_deleted' },
    ], policy, T0 + 100);
    const deliveries = await deliveriesOf(db);
    // The retry is due after the schedule's first step (5 s), give or take its jitter.
    expect(deliveries[1].next_attempt_at).toBeGreaterThanOrEqual(T0 + 100 + 4_000);
    expect(deliveries[1].next_attempt_at).toBeLessThanOrEqual(T0 + 100 + 6_000);
    deliveries[1].next_attempt_at = T0 + 100 + 5_000;
    expect(deliveries.slice(0, 3)).toEqual([
      { id: 'dlv_1', status: 'succeeded', attempt_count: 1, last_status_code: 200, last_error: null, next_attempt_at: null, lease_until: 0 },
      { id: 'dlv_2', status: 'pending', attempt_count: 1, last_status_code: 503, last_error: null, next_attempt_at: T0 + 100 + 5_000, lease_until: 0 },
      { id: 'dlv_3', status: 'failed', attempt_count: 0, last_status_code: null, last_error: 'webhook_deleted', next_attempt_at: null, lease_until: 0 },
    ]);
    expect((await attemptsOf(db)).map((a) => a.delivery_id)).toEqual(['dlv_1', 'dlv_2']);
    const webhook = await db.selectFrom('webhooks').select(['consecutive_failures']).where('id', '=', 'wh_1').executeTakeFirstOrThrow();
    expect(webhook.consecutive_failures).toBe(1);
  });
});
