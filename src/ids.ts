import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

/** Adds one to a base-32 digit array, so ids made in the same millisecond still sort in creation order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] < 31) { next[i]++; return next; }
    next[i] = 0;
  }
  return next;
}

/**
 * Prefixed, time-ordered ids (`evt_01h…`): 10 chars of millisecond time then 16 random chars, Crockford base32.
 * Within one millisecond the random part counts up (monotonic), so sorting by id sorts by creation order in a
 * process, which keeps cursor pagination a plain index scan.
 */
export function newId(prefix: string, now = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    random = increment(lastRandom);
    now = lastTime;
  } else {
    const bytes = randomBytes(RANDOM_CHARS);
    random = Array.from(bytes.subarray(0, RANDOM_CHARS), (b, i) => (i === 0 ? b & 15 : b & 31)); // headroom to count up
    lastTime = now;
  }
  lastRandom = random;
  let rand = '';
  for (const d of random) rand += ALPHABET[d];
  return `${prefix}_${encodeTime(now)}${rand}`;
}

/**
 * Id bounds [from, to) that contain every id of this prefix made between two instants: an id's time part is its
 * creation time, or later when the clock stepped back (the monotonic counter keeps the last time), so the upper
 * bound allows for an hour of that. Callers keep their exact time filter; the bounds let an (…, id) index serve it.
 */
export function idRangeForTime(prefix: string, fromMs: number, toMs: number): { from: string; to: string } {
  const HOUR = 3_600_000;
  return { from: `${prefix}_${encodeTime(Math.max(0, fromMs))}`, to: `${prefix}_${encodeTime(toMs + HOUR + 1)}` };
}

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
