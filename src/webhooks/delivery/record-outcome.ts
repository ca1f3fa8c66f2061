import type { Trx } from '../../db/database.js';
import { decideDisable } from '../disable.js';
import { nextAttemptDelay } from '../retry.js';

export interface AttemptOutcome {
  deliveryId: string;
  webhookId: string;
  number: number;
  test: boolean;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string;
  retryAfterSeconds: number | null;
  /** No attempt was made: the webhook was deleted or switched off after the delivery became due. */
  skipped?: 'webhook_disabled' | 'webhook_deleted';
}

export interface OutcomePolicy {
  retrySchedule: readonly number[];
  disableAfterFailures: number;
  disableAfterSeconds: number;
}

/** Returns when the next attempt is due (ms) when one was scheduled, so the dispatcher can wake itself then. */
export async function recordOutcome(trx: Trx, o: AttemptOutcome, policy: OutcomePolicy, now = Date.now()): Promise<number | null> {
  if (o.skipped) {
    await trx.updateTable('deliveries').set({ status: 'failed', last_error: o.skipped, next_attempt_at: null, lease_until: 0, updated_at: now })
      .where('id', '=', o.deliveryId).execute();
    return null;
  }
  await trx.insertInto('delivery_attempts').values({
    delivery_id: o.deliveryId, number: o.number, webhook_id: o.webhookId, started_at: o.startedAt, duration_ms: o.durationMs,
    status_code: o.statusCode, error: o.error, response_body: o.responseBody,
  }).onConflict((oc) => oc.doNothing()).execute();

  const succeeded = o.error === null && o.statusCode !== null && o.statusCode >= 200 && o.statusCode < 300;
  if (succeeded) {
    await trx.updateTable('deliveries').set({
      status: 'succeeded', attempt_count: o.number, last_status_code: o.statusCode, last_error: null, next_attempt_at: null, lease_until: 0, updated_at: now,
    }).where('id', '=', o.deliveryId).execute();
    if (!o.test) {
      await trx.updateTable('webhooks').set({ consecutive_failures: 0, failure_streak_started_at: null, last_success_at: now })
        .where('id', '=', o.webhookId).execute();
    }
    return null;
  }

  let disableReason: string | null = null;
  if (!o.test) {
    // The streak is counted in the database so that several workers add up to one truth.
    const streak = await trx.updateTable('webhooks')
      .set((eb) => ({
        consecutive_failures: eb('consecutive_failures', '+', 1),
        failure_streak_started_at: eb.fn.coalesce('failure_streak_started_at', eb.val(o.startedAt)),
      }))
      .where('id', '=', o.webhookId).where('status', '=', 'active')
      .returning(['consecutive_failures', 'failure_streak_started_at']).executeTakeFirst();
    if (streak) {
      const decision = decideDisable({
        consecutiveFailures: streak.consecutive_failures,
        streakStartedAt: streak.failure_streak_started_at === null ? null : new Date(Number(streak.failure_streak_started_at)),
        now: new Date(now), threshold: policy.disableAfterFailures, minSpanSeconds: policy.disableAfterSeconds, lastStatusCode: o.statusCode,
        lastError: o.error,
      } as Parameters<typeof decideDisable>[0]);
      if (decision.disable) disableReason = decision.reason;
    }
  }

  const delay = disableReason ? null : nextAttemptDelay({ attemptsMade: o.number, schedule: policy.retrySchedule, retryAfterSeconds: o.retryAfterSeconds });
  const nextAt = delay === null ? null : now + Math.round(delay * 1000);
  await trx.updateTable('deliveries').set({
    status: nextAt === null ? 'failed' : 'pending', attempt_count: o.number, last_status_code: o.statusCode, last_error: o.error,
    next_attempt_at: nextAt, lease_until: 0, updated_at: now,
  }).where('id', '=', o.deliveryId).execute();

  if (disableReason) {
    await trx.updateTable('webhooks').set({ status: 'failed', active: 0, disabled_reason: disableReason, disabled_at: now, updated_at: now })
      .where('id', '=', o.webhookId).where('status', '=', 'active').execute();
    await trx.updateTable('deliveries').set({ status: 'failed', last_error: 'webhook_disabled', next_attempt_at: null, lease_until: 0, updated_at: now })
      .where('webhook_id', '=', o.webhookId).where('status', '=', 'pending').execute();
  }
  return nextAt;
}
