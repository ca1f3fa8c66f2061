import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { newId } from '../../src/ids.js';
import { startStack } from '../lib/cargolint.js';
import { summarize } from '../lib/load.js';

export interface ListResult {
  stored: number;
  requests: number;
  insertSeconds: number;
  overallMs: { count: number; p50: number; p99: number; max: number };
  byQuery: Array<{ query: string; ms: { count: number; p50: number; p99: number; max: number } }>;
}

const DAY = 86_400_000;

/**
 * Delivery History with a large history: `stored` deliveries of one webhook (96 % succeeded, 3 % failed, 1 % pending
 * and due tomorrow, so the dispatcher leaves them alone) written straight into the SQLite file, then timed through
 * GET /api/v1/webhooks/{id}/deliveries with the filters and cursors the UI and API clients use.
 */
export async function runDeliveriesList(stored: number, perQuery: number): Promise<ListResult> {
  const stack = await startStack({ dialect: 'sqlite' });
  try {
    const webhookId = await stack.createWebhook('http://127.0.0.1:9/never-called');
    const t0 = performance.now();
    const middleId = insertHistory(path.join(stack.dataDir, 'cargolint.sqlite'), stack.organizationId, webhookId, stored);
    const insertSeconds = (performance.now() - t0) / 1000;
    const base = `/api/v1/webhooks/${webhookId}/deliveries`;
    const cursor = Buffer.from(middleId, 'utf8').toString('base64url');
    const queries = [base, `${base}?limit=100`, `${base}?status=failed`, `${base}?status=pending`, `${base}?event_type=document.uploaded`, `${base}?cursor=${cursor}`];
    for (const q of queries) for (let i = 0; i < 3; i++) await timedGet(stack.api, q); // warm-up
    const byQuery = [];
    const all: number[] = [];
    for (const q of queries) {
      const times: number[] = [];
      for (let i = 0; i < perQuery; i++) times.push(await timedGet(stack.api, q));
      all.push(...times);
      byQuery.push({ query: q.replace(base, '…/deliveries').replace(cursor, '<middle>'), ms: summarize(times) });
    }
    return { stored, requests: all.length, insertSeconds: Math.round(insertSeconds * 100) / 100, overallMs: summarize(all), byQuery };
  } finally {
    await stack.stop();
  }
}

async function timedGet(api: (m: string, p: string) => Promise<{ status: number }>, urlPath: string) {
  const t = performance.now();
  const res = await api('GET', urlPath);
  if (res.status !== 200) throw new Error(`GET ${urlPath} answered ${res.status}`);
  return performance.now() - t;
}

/** One transaction of prepared inserts (the server keeps running: WAL lets a second connection write). Returns the id in the middle. */
function insertHistory(file: string, organizationId: string, webhookId: string, count: number): string {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const insertEvent = db.prepare('INSERT INTO events (id, organization_id, type, body, test, created_at) VALUES (?, ?, ?, ?, 0, ?)');
  const insertDelivery = db.prepare(`INSERT INTO deliveries (id, organization_id, webhook_id, event_id, event_type, status, attempt_count,
    last_status_code, last_error, next_attempt_at, lease_until, created_at, updated_at) VALUES (?, ?, ?, ?, 'document.uploaded', ?, ?, ?, ?, ?, 0, ?, ?)`);
  const now = Date.now();
  let middle = '';
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = now - 30 * DAY + Math.floor((i * 30 * DAY) / count);
      const eventId = newId('evt', at);
      insertEvent.run(eventId, organizationId, 'document.uploaded', JSON.stringify({ id: eventId, type: 'document.uploaded', data: { document: { id: newId('doc', at) } } }), at);
      const kind = i % 100;
      const [status, attempts, code, error, next] = kind < 96 ? ['succeeded', 1, 200, null, null]
        : kind < 99 ? ['failed', 8, 500, 'http_status', null] : ['pending', 2, 503, 'http_status', now + DAY];
      const id = newId('dlv', at);
      insertDelivery.run(id, organizationId, webhookId, eventId, status, attempts, code, error, next, at, at);
      if (i === Math.floor(count / 2)) middle = id;
    }
  })();
  db.close();
  return middle;
}
