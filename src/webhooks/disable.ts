/**
 * When the system stops sending to an endpoint (status `failed`, CONTRACT §4–5). Both a count and
 * a time span are required so that neither a short outage with many queued events nor a few
 * sporadic errors disables a webhook: only an endpoint that keeps failing for a long time does.
 * Nothing is lost by disabling: later events are recorded as failed deliveries for `recover`.
 */

export interface DisableInput {
  /** Failed attempts in a row, including the one that just failed. */
  consecutiveFailures: number;
  /** When the current failure streak's first failed attempt happened; null when there is none. */
  streakStartedAt: Date | null;
  now: Date;
  /** CARGOLINT_DISABLE_AFTER_FAILURES */
  threshold: number;
  /** CARGOLINT_DISABLE_AFTER_SECONDS */
  minSpanSeconds: number;
  /** The failed attempt's HTTP status, null when no response arrived. */
  lastStatusCode: number | null;
  /** The failed attempt's error class (classify.ts), used in the reason when there was no status. */
  lastError?: string | null;
}

export type DisableDecision = { disable: false } | { disable: true; reason: string };

export function decideDisable(input: DisableInput): DisableDecision {
  const { consecutiveFailures, streakStartedAt, now, threshold, minSpanSeconds, lastStatusCode } = input;
  if (lastStatusCode === 410) {
    return { disable: true, reason: 'the endpoint answered 410 Gone, which asks senders to stop; disabled at once' };
  }
  if (consecutiveFailures < threshold) return { disable: false };
  const spanSeconds = streakStartedAt === null ? 0 : Math.max(0, (now.getTime() - streakStartedAt.getTime()) / 1000);
  if (spanSeconds < minSpanSeconds) return { disable: false };

  const lastError = lastStatusCode !== null ? `HTTP ${lastStatusCode}` : (input.lastError ?? 'unknown');
  return {
    disable: true,
    reason: `${consecutiveFailures} consecutive failed attempts over ${formatSpan(spanSeconds)}; last error: ${lastError}`,
  };
}

/** "45 seconds", "12 minutes", "26 hours", "3 days": rounded down to the largest sensible unit. */
export function formatSpan(seconds: number): string {
  const units: Array<[string, number, number]> = [
    ['day', 86_400, 2 * 86_400],
    ['hour', 3_600, 2 * 3_600],
    ['minute', 60, 2 * 60],
  ];
  for (const [name, size, from] of units) {
    if (seconds >= from) return plural(Math.floor(seconds / size), name);
  }
  return plural(Math.floor(seconds), 'second');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
