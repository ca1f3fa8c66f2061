import { sql, type CompiledQuery } from 'kysely';
import { isPostgres, type Db, type DbOrTrx } from '../../db/database.js';
import { executeTogether, insertQueries } from '../../db/insert-rows.js';
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
  /** Readable detail of a failure without a response, e.g. the address that refused the connection. */
  errorDetail?: string | null;
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

const CHUNK = 100;
const LAST_SUCCESS_RESOLUTION_MS = 1000;
const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
const isSuccess = (o: AttemptOutcome) => o.error === null && o.statusCode !== null && o.statusCode >= 200 && o.statusCode < 300;

/**
 * Records a batch as one unit. A batch of successes only (the common case) is a few independent statements, which
 * executeTogether sends as one on PostgreSQL (atomic without BEGIN and COMMIT); anything else is a transaction.
 */
export function recordOutcomeBatch(db: Db, outcomes: AttemptOutcome[], policy: OutcomePolicy, now = Date.now()): Promise<number[]> {
  const independent = outcomes.every((o) => !o.skipped && isSuccess(o));
  return independent ? recordOutcomes(db, outcomes, policy, now) : db.transaction().execute((trx) => recordOutcomes(trx, outcomes, policy, now));
}

/**
 * Records a batch of outcomes with a handful of set-based statements, whatever the batch size: this is what lets one
 * worker record tens of thousands of attempts a second. Failures, which touch the webhook's streak and may disable
 * it, are handled one by one afterwards, and need the caller's transaction. Returns the due times of scheduled retries.
 */
export async function recordOutcomes(db: DbOrTrx, outcomes: AttemptOutcome[], policy: OutcomePolicy, now = Date.now()): Promise<number[]> {
  const skipped = outcomes.filter((o) => o.skipped);
  const attempted = outcomes.filter((o) => !o.skipped);
  const succeeded = attempted.filter(isSuccess);
  const failed = attempted.filter((o) => !isSuccess(o));

  // Statements that touch disjoint rows (or, for webhooks, only clear what failures below may set again): one unit.
  const together: CompiledQuery[] = [];
  for (const reason of ['webhook_disabled', 'webhook_deleted'] as const) {
    const ids = skipped.filter((o) => o.skipped === reason).map((o) => o.deliveryId);
    for (const part of chunks(ids)) {
      together.push(db.updateTable('deliveries').set({ status: 'failed', last_error: reason, next_attempt_at: null, lease_until: 0, updated_at: now })
        .where('id', 'in', part).compile());
    }
  }

  together.push(...insertQueries(isPostgres(db), {
    table: 'delivery_attempts', onConflictDoNothing: true,
    rows: attempted.map((o) => ({
      delivery_id: o.deliveryId, number: o.number, webhook_id: o.webhookId, started_at: o.startedAt, duration_ms: o.durationMs,
      status_code: o.statusCode, error: o.error, error_detail: o.errorDetail ?? null, response_body: o.responseBody,
    })),
  }));

  for (const part of chunks(succeeded)) {
    // VALUES columns are column1..n on both SQLite and PostgreSQL; parameters arrive untyped, hence the casts.
    const rows = sql.join(part.map((o) => sql`(${o.deliveryId}, ${o.number}, ${o.statusCode})`));
    together.push(sql`
      UPDATE deliveries SET status = 'succeeded', attempt_count = CAST(v.column2 AS integer), last_status_code = CAST(v.column3 AS integer),
        last_error = NULL, next_attempt_at = NULL, lease_until = 0, updated_at = ${now}
      FROM (VALUES ${rows}) AS v WHERE deliveries.id = v.column1`.compile(db));
  }
  const healthy = [...new Set(succeeded.filter((o) => !o.test).map((o) => o.webhookId))];
  if (healthy.length > 0) {
    // A busy endpoint succeeds in every batch: rewriting its row each time only made lock waits between workers and
    // dead tuples. A failure streak is always cleared; `last_success_at` is kept to the second.
    together.push(db.updateTable('webhooks').set({ consecutive_failures: 0, failure_streak_started_at: null, last_success_at: now })
      .where('id', 'in', healthy)
      .where((eb) => eb.or([
        eb('consecutive_failures', '>', 0),
        eb('last_success_at', 'is', null),
        eb('last_success_at', '<=', now - LAST_SUCCESS_RESOLUTION_MS),
      ]))
      .compile());
  }
  await executeTogether(db, together);

  const wakeTimes: number[] = [];
  for (const o of failed) {
    const next = await recordFailure(db, o, policy, now);
    if (next !== null) wakeTimes.push(next);
  }
  return wakeTimes;
}

async function recordFailure(trx: DbOrTrx, o: AttemptOutcome, policy: OutcomePolicy, now: number): Promise<number | null> {
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
        now: new Date(now), threshold: policy.disableAfterFailures, minSpanSeconds: policy.disableAfterSeconds,
        lastStatusCode: o.statusCode, lastError: o.error,
      });
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
    await trx.updateTable('webhooks').set({ status: 'failed', disabled_reason: disableReason, disabled_at: now, updated_at: now })
      .where('id', '=', o.webhookId).where('status', '=', 'active').execute();
    await trx.updateTable('deliveries').set({ status: 'failed', last_error: 'webhook_disabled', next_attempt_at: null, lease_until: 0, updated_at: now })
      .where('webhook_id', '=', o.webhookId).where('status', '=', 'pending').execute();
  }
  return nextAt;
}
