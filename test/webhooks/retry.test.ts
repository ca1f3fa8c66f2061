import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptDelay, parseRetryAfter, parseRetrySchedule } from '../../src/webhooks/retry.js';

const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
const noJitter = () => 0.5; // (0.5 * 2 - 1) = 0 → exact schedule step

describe('parseRetrySchedule', () => {
  it('parses the default schedule', () => {
    expect(schedule).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  it('tolerates spaces around steps and accepts zero', () => {
    expect(parseRetrySchedule(' 0, 10 ,20 ')).toEqual([0, 10, 20]);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['5,,10', /step 2 \(""\) is not a whole number of seconds/],
    ['5,abc', /step 2 \("abc"\) is not a whole number/],
    ['5,-1', /step 2 \("-1"\)/],
    ['1.5', /step 1 \("1.5"\)/],
    ['5,3000000', /longer than 30 days/],
  ])('rejects %j with a message that says why', (text, message) => {
    expect(() => parseRetrySchedule(text)).toThrow(message);
    expect(() => parseRetrySchedule(text)).toThrow(/Expected comma-separated whole seconds/);
  });

  it('rejects absurdly long schedules', () => {
    expect(() => parseRetrySchedule(new Array(101).fill('1').join(','))).toThrow(/at most 100/);
  });
});

describe('nextAttemptDelay', () => {
  it('makes the first attempt immediately', () => {
    expect(nextAttemptDelay({ attemptsMade: 0, schedule, random: noJitter })).toBe(0);
  });

  it('follows the schedule and stops after 8 attempts in all with the default', () => {
    const delays: Array<number | null> = [];
    for (let attemptsMade = 0; attemptsMade <= 8; attemptsMade++) {
      delays.push(nextAttemptDelay({ attemptsMade, schedule, random: noJitter }));
    }
    expect(delays).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000, null]);
  });

  it('spreads retries by at most ±10%', () => {
    expect(nextAttemptDelay({ attemptsMade: 2, schedule, random: () => 0 })).toBe(270);
    expect(nextAttemptDelay({ attemptsMade: 2, schedule, random: () => 0.999999 })).toBeCloseTo(330, 2);
    for (let i = 0; i < 1000; i++) {
      const delay = nextAttemptDelay({ attemptsMade: 1, schedule })!;
      expect(delay).toBeGreaterThanOrEqual(4.5);
      expect(delay).toBeLessThanOrEqual(5.5);
    }
  });

  it('never returns a negative delay', () => {
    expect(nextAttemptDelay({ attemptsMade: 1, schedule: [0], random: () => 0 })).toBe(0);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(nextAttemptDelay({ attemptsMade: 1, schedule, retryAfterSeconds: 120, random: noJitter })).toBe(120);
  });

  it('ignores a Retry-After shorter than the scheduled wait', () => {
    expect(nextAttemptDelay({ attemptsMade: 2, schedule, retryAfterSeconds: 10, random: noJitter })).toBe(300);
  });

  it('caps Retry-After at the longest scheduled step', () => {
    expect(nextAttemptDelay({ attemptsMade: 1, schedule, retryAfterSeconds: 10 * 86400, random: noJitter })).toBe(36000);
  });

  it('does not extend an exhausted schedule because of Retry-After', () => {
    expect(nextAttemptDelay({ attemptsMade: 8, schedule, retryAfterSeconds: 60 })).toBeNull();
  });

  it('ignores null, zero, negative and non-finite Retry-After values', () => {
    for (const retryAfterSeconds of [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(nextAttemptDelay({ attemptsMade: 1, schedule, retryAfterSeconds, random: noJitter })).toBe(5);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['30', '60'], now)).toBe(30);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Wednesday, 01-Jan-25 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:00 GMT', now)).toBe(0);
  });

  it('turns a date in the past into zero', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('rounds a fractional wait up', () => {
    const later = new Date(now.getTime() + 500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', later)).toBe(10);
  });

  it('returns null for missing or unparseable values', () => {
    for (const value of [undefined, null, '', '  ', 'soon', '-5', '1.5', '12abc', '99999999999999999999']) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});
