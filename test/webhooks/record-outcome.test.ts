import { describe, expect, it } from 'vitest';
import { recordOutcomes, type AttemptOutcome } from '../../src/webhooks/delivery/record-outcome.js';
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
    await db.insertInto('deliveries').values(['dlv_1', 'dlv_2'].map((id) => ({
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
    const statuses = await db.selectFrom('deliveries').select('status').orderBy('id').execute();
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
});
