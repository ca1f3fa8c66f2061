/**
 * The ledger: every upload produced one document.uploaded event, every event one delivery per subscribed webhook,
 * and every delivery is accounted for as succeeded, pending or failed; every delivery recorded as succeeded reached
 * the receiver, and the receiver saw no delivery the database does not know. Counted straight from the database so
 * the check does not depend on the API it is checking.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Stack } from './cargolint.js';

export interface Ledger {
  uploads: number;
  documents: number;
  events: number;
  expected: number;
  deliveries: number;
  succeeded: number;
  pending: number;
  failed: number;
  /** Events whose delivery count is not the number of webhooks. */
  unevenEvents: number;
  /** Succeeded in the database but never seen by the receiver. */
  succeededNotReceived: number;
  /** Seen by the receiver but unknown to the database. */
  receivedUnknown: number;
  balanced: boolean;
  problems: string[];
}

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function withQuery<T>(stack: Stack, fn: (q: Query) => Promise<T>): Promise<T> {
  if (stack.dialect === 'sqlite') {
    const db = new SQLite(path.join(stack.dataDir, 'cargolint.sqlite'), { readonly: true });
    try {
      return await fn(async (sql, params) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Array<Record<string, unknown>>);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: stack.databaseUrl! });
  await client.connect();
  try {
    return await fn(async (sql, params) => (await client.query(sql, params)).rows);
  } finally {
    await client.end();
  }
}

/** Counts the deliveries of document.uploaded events to `webhookIds` (all of the stack's organization). */
export async function checkLedger(stack: Stack, uploads: number, webhookIds: string[], receivedIds: string[]): Promise<Ledger> {
  return withQuery(stack, async (q) => {
    const org = stack.organizationId;
    const one = async (sql: string, params: unknown[]) => Number(Object.values((await q(sql, params))[0])[0]);
    const documents = await one('SELECT count(*) AS n FROM documents WHERE organization_id = $1', [org]);
    const events = await one(`SELECT count(*) AS n FROM events WHERE organization_id = $1 AND type = 'document.uploaded'`, [org]);
    const marks = webhookIds.map((_, i) => `$${i + 2}`).join(', ');
    const scope = `organization_id = $1 AND event_type = 'document.uploaded' AND webhook_id IN (${marks})`;
    const byStatus = new Map((await q(`SELECT status, count(*) AS n FROM deliveries WHERE ${scope} GROUP BY status`, [org, ...webhookIds]))
      .map((r) => [String(r.status), Number(r.n)]));
    const unevenEvents = (await q(`SELECT event_id FROM deliveries WHERE ${scope} GROUP BY event_id HAVING count(*) <> ${webhookIds.length}`, [org, ...webhookIds])).length;
    const eventsWithDeliveries = await one(`SELECT count(DISTINCT event_id) AS n FROM deliveries WHERE ${scope}`, [org, ...webhookIds]);
    const succeededIds = (await q(`SELECT id FROM deliveries WHERE ${scope} AND status = 'succeeded'`, [org, ...webhookIds])).map((r) => String(r.id));
    const allIds = new Set((await q(`SELECT id FROM deliveries WHERE organization_id = $1`, [org])).map((r) => String(r.id)));

    const received = new Set(receivedIds);
    const deliveries = [...byStatus.values()].reduce((a, b) => a + b, 0);
    const ledger: Ledger = {
      uploads, documents, events, expected: uploads * webhookIds.length, deliveries,
      succeeded: byStatus.get('succeeded') ?? 0, pending: byStatus.get('pending') ?? 0, failed: byStatus.get('failed') ?? 0,
      unevenEvents: unevenEvents + (events - eventsWithDeliveries),
      succeededNotReceived: succeededIds.filter((id) => !received.has(id)).length,
      receivedUnknown: receivedIds.filter((id) => !allIds.has(id)).length,
      balanced: false, problems: [],
    };
    const p = ledger.problems;
    if (documents !== uploads) p.push(`${uploads} uploads accepted but ${documents} documents stored`);
    if (events !== uploads) p.push(`${uploads} uploads but ${events} document.uploaded events`);
    if (deliveries !== ledger.expected) p.push(`${ledger.expected} deliveries expected, ${deliveries} recorded`);
    if (ledger.succeeded + ledger.pending + ledger.failed !== deliveries) p.push(`statuses other than succeeded/pending/failed: ${JSON.stringify([...byStatus])}`);
    if (ledger.unevenEvents > 0) p.push(`${ledger.unevenEvents} events without exactly ${webhookIds.length} deliveries`);
    if (ledger.succeededNotReceived > 0) p.push(`${ledger.succeededNotReceived} deliveries recorded as succeeded never reached the receiver`);
    if (ledger.receivedUnknown > 0) p.push(`${ledger.receivedUnknown} deliveries reached the receiver but are unknown to the database`);
    ledger.balanced = p.length === 0;
    return ledger;
  });
}

/** Deliveries of the stack's organization by status, and how many attempts were recorded. */
export async function deliveryCounts(stack: Stack): Promise<{ pending: number; succeeded: number; failed: number; attempts: number }> {
  return withQuery(stack, async (q) => {
    const rows = await q('SELECT status, count(*) AS n FROM deliveries WHERE organization_id = $1 GROUP BY status', [stack.organizationId]);
    const by = new Map(rows.map((r) => [String(r.status), Number(r.n)]));
    const attempts = Number((await q('SELECT count(*) AS n FROM delivery_attempts', []))[0].n);
    return { pending: by.get('pending') ?? 0, succeeded: by.get('succeeded') ?? 0, failed: by.get('failed') ?? 0, attempts };
  });
}

/** Polls until nothing is pending any more (the last outcomes are recorded after the receiver answered). */
export async function waitForSettled(stack: Stack, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await deliveryCounts(stack)).pending === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Polls, on one connection, until no document of the stack's organization waits for its processing job; returns when
 * that was seen (Date.now()). One connection for the whole wait: a new one per poll would cost PostgreSQL a backend
 * start each time, CPU the floor scenario would then charge to the uploads.
 */
export async function waitForProcessed(stack: Stack, timeoutMs: number): Promise<number> {
  return withQuery(stack, async (q) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = Number((await q(`SELECT count(*) AS n FROM documents WHERE organization_id = $1 AND status = 'processing'`, [stack.organizationId]))[0].n);
      const now = Date.now();
      if (left === 0) return now;
      if (now > deadline) throw new Error(`${left} documents still processing after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}
