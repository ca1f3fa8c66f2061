/** Upload drivers and the small statistics the scenarios report. */
import { performance } from 'node:perf_hooks';
import type { Stack } from './cargolint.js';
import { commercialInvoice } from './documents.js';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

let sequence = 0;
/** A small (3-line, ~1.5 KB) commercial invoice, different bytes each time. */
export const smallInvoice = () => Buffer.from(JSON.stringify(commercialInvoice(3, ++sequence)));

/** Closed loop: `concurrency` clients upload back to back until `count` uploads are done. */
export async function uploadMany(stack: Stack, count: number, concurrency: number): Promise<{ ids: string[]; startedAt: number; endedAt: number }> {
  const ids: string[] = [];
  let next = 0;
  const startedAt = Date.now();
  const client = async () => {
    while (next < count) {
      next++;
      ids.push(await stack.upload(smallInvoice(), 'invoice.json'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  return { ids, startedAt, endedAt: Date.now() };
}

/**
 * Open loop: one upload every `intervalMs` whatever the previous one is doing, so a slow moment shows up as latency
 * instead of silently lowering the rate (coordinated omission). Returns each document id with its request start time.
 */
export async function uploadEvery(stack: Stack, count: number, intervalMs: number): Promise<{ started: Map<string, number>; responseMs: number[] }> {
  const started = new Map<string, number>();
  const responseMs: number[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const bytes = smallInvoice();
    const at = wallNow();
    inFlight.push(stack.upload(bytes, 'invoice.json').then((id) => {
      started.set(id, at);
      responseMs.push(wallNow() - at);
    }));
  }
  await Promise.all(inFlight);
  return { started, responseMs };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}
