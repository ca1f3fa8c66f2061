/**
 * When to try a delivery again. The schedule lists the wait before each retry (CONTRACT §2
 * `CARGOLINT_RETRY_SCHEDULE`); the first attempt is immediate, so a schedule of N steps means
 * N + 1 attempts in all.
 */

export const DEFAULT_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';

/** ±10 %: enough to spread a burst of failures against one endpoint over time. */
export const JITTER_RATIO = 0.1;

const MAX_STEP_SECONDS = 30 * 24 * 3600; // events are kept 30 days; a longer wait could outlive its event
const MAX_STEPS = 100;

/** Parses "5,300,1800" into [5, 300, 1800]; throws an Error whose message says what is wrong. */
export function parseRetrySchedule(text: string): number[] {
  const problem = (detail: string) =>
    new Error(`Invalid retry schedule ${JSON.stringify(text)}: ${detail}. Expected comma-separated whole seconds, e.g. "${DEFAULT_RETRY_SCHEDULE}".`);
  if (typeof text !== 'string' || text.trim() === '') throw problem('it is empty');
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > MAX_STEPS) throw problem(`it has ${parts.length} steps, at most ${MAX_STEPS} are allowed`);
  return parts.map((part, index) => {
    if (!/^\d+$/.test(part)) throw problem(`step ${index + 1} (${JSON.stringify(part)}) is not a whole number of seconds`);
    const seconds = Number(part);
    if (seconds > MAX_STEP_SECONDS) throw problem(`step ${index + 1} (${part}) is longer than 30 days`);
    return seconds;
  });
}

export interface NextAttemptInput {
  /** Attempts already made for this delivery (0 before the first one). */
  attemptsMade: number;
  schedule: readonly number[];
  /** From the last response's Retry-After (429/503 only), in seconds. */
  retryAfterSeconds?: number | null;
  /** Injectable for deterministic tests; returns [0, 1). */
  random?: () => number;
}

/**
 * Seconds to wait before the next attempt, or null when the schedule is exhausted and the
 * delivery has failed for good. The result has millisecond precision and is never negative.
 */
export function nextAttemptDelay({ attemptsMade, schedule, retryAfterSeconds = null, random = Math.random }: NextAttemptInput): number | null {
  if (attemptsMade <= 0) return 0;
  if (attemptsMade > schedule.length) return null;

  const step = schedule[attemptsMade - 1];
  const jitter = (random() * 2 - 1) * JITTER_RATIO;
  let delay = Math.max(0, step * (1 + jitter));

  if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
    // The receiver asked for a pause; honour it, but never let it park a delivery beyond the
    // longest step we would have waited anyway.
    const longestStep = Math.max(...schedule);
    delay = Math.max(delay, Math.min(retryAfterSeconds, longestStep));
  }
  return Math.round(delay * 1000) / 1000;
}

/**
 * Retry-After (RFC 9110 §10.2.3) as seconds from `now`: delta-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"). A date in the past gives 0; anything unparseable gives null.
 */
export function parseRetryAfter(headerValue: string | string[] | null | undefined, now: Date): number | null {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds) ? seconds : null;
  }
  // Only date-looking values: Date.parse alone would also accept "1.5" or "-3" as dates.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
