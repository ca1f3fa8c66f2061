/**
 * The ceiling: how many signed ~1 KB POSTs per second one Node process sends with undici `request`, one keep-alive
 * Agent and 64 requests in flight. Each request is signed as the product signs a delivery (both signature headers,
 * createHmac per request) and carries a distinct X-CargoLint-Delivery id, so the receiver does the same work as for
 * real deliveries. Run as its own process; prints `RESULT {…}`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  options: { url: { type: 'string' }, seconds: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '64' } },
});
const url = values.url!;
const concurrency = Number(values.concurrency);
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const standardKey = Buffer.from(secret.slice(6), 'base64');
const agent = new Agent({ pipelining: 1, keepAliveTimeout: 60_000 });
// ~1 KB of compact JSON, shaped like an event body.
const filler = 'x'.repeat(880);

let issued = 0;
let sent = 0;
let failed = 0;
let bodyBytes = 0;
let counting = false;
let stopAt = Infinity;

async function client() {
  while (performance.now() < stopAt) {
    const n = issued++;
    const eventId = `evt_${n.toString(36).padStart(26, '0')}`;
    const body = `{"id":"${eventId}","type":"document.uploaded","created_at":"${new Date().toISOString()}","data":{"note":"${filler}"}}`;
    bodyBytes = Buffer.byteLength(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'CargoLint-Bench',
      'x-cargolint-event': 'document.uploaded',
      'x-cargolint-delivery': `dlv_${process.pid}_${n}`,
      'x-cargolint-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      'webhook-id': eventId,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${createHmac('sha256', standardKey).update(`${eventId}.${timestamp}.`).update(body).digest('base64')}`,
    };
    try {
      const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
      await res.body.dump();
      if (counting) { if (res.statusCode === 200) sent++; else failed++; }
    } catch {
      if (counting) failed++;
    }
  }
}

const warmupMs = Number(values.warmup) * 1000;
const measureMs = Number(values.seconds) * 1000;
const start = performance.now();
stopAt = start + warmupMs + measureMs;
let cpuAtCounting: NodeJS.CpuUsage | null = null;
setTimeout(() => { counting = true; cpuAtCounting = process.cpuUsage(); }, warmupMs);
const clients = Array.from({ length: concurrency }, client);
await Promise.all(clients);
const elapsed = (performance.now() - start - warmupMs) / 1000;
// The sender's own CPU (every thread) per POST over the measured window: what signing and sending alone cost.
const cpu = process.cpuUsage(cpuAtCounting ?? undefined);
const cpuMsPerPost = sent > 0 ? (cpu.user + cpu.system) / 1000 / sent : null;
process.stdout.write(`RESULT ${JSON.stringify({ sent, failed, seconds: elapsed, perSecond: Math.round(sent / elapsed), bodyBytes, cpuMsPerPost })}\n`);
await agent.close();
