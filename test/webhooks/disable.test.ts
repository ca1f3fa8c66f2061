import { describe, expect, it } from 'vitest';
import { decideDisable, formatSpan } from '../../src/webhooks/disable.js';

const now = new Date('2025-03-02T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);
const base = { now, threshold: 15, minSpanSeconds: 86400, lastStatusCode: null, lastError: 'timeout' };

describe('decideDisable', () => {
  it('disables at once on 410 Gone, whatever the streak, and says so', () => {
    const decision = decideDisable({ ...base, consecutiveFailures: 1, streakStartedAt: now, lastStatusCode: 410 });
    expect(decision.disable).toBe(true);
    expect(decision.disable && decision.reason).toMatch(/410 Gone/);
  });

  it('keeps a webhook with fewer failures than the threshold, however long the streak', () => {
    expect(decideDisable({ ...base, consecutiveFailures: 14, streakStartedAt: hoursAgo(24 * 10) })).toEqual({ disable: false });
  });

  it('keeps a webhook whose many failures span less than the minimum time', () => {
    expect(decideDisable({ ...base, consecutiveFailures: 500, streakStartedAt: hoursAgo(23.9) })).toEqual({ disable: false });
  });

  it('disables when both the count and the span are reached, with a readable reason', () => {
    const decision = decideDisable({ ...base, consecutiveFailures: 15, streakStartedAt: hoursAgo(26) });
    expect(decision).toEqual({ disable: true, reason: '15 consecutive failed attempts over 26 hours; last error: timeout' });
  });

  it('names the last HTTP status in the reason when there was one', () => {
    const decision = decideDisable({ ...base, consecutiveFailures: 20, streakStartedAt: hoursAgo(24 * 3), lastStatusCode: 503 });
    expect(decision).toEqual({ disable: true, reason: '20 consecutive failed attempts over 3 days; last error: HTTP 503' });
  });

  it('disables exactly at the boundary', () => {
    expect(decideDisable({ ...base, consecutiveFailures: 15, streakStartedAt: hoursAgo(24) }).disable).toBe(true);
  });

  it('does not disable without a known streak start unless no minimum span is required', () => {
    expect(decideDisable({ ...base, consecutiveFailures: 50, streakStartedAt: null }).disable).toBe(false);
    expect(decideDisable({ ...base, minSpanSeconds: 0, consecutiveFailures: 50, streakStartedAt: null }).disable).toBe(true);
  });
});

describe('formatSpan', () => {
  it.each([
    [1, '1 second'],
    [90, '90 seconds'],
    [120, '2 minutes'],
    [3600, '60 minutes'],
    [26 * 3600, '26 hours'],
    [47.9 * 3600, '47 hours'],
    [48 * 3600, '2 days'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatSpan(seconds)).toBe(text);
  });
});
