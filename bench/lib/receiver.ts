/**
 * The webhook receiver, run in its own process so that it costs CPU like a real endpoint and never shares an event
 * loop with the sender. `--mode=ok` answers every POST (200, or whatever status the control route sets);
 * `--mode=hang` accepts the request and never answers (an endpoint that is up but stuck). In ok mode the control
 * route can also hold requests (status 0) and later answer them all (an endpoint that was stuck and recovers).
 * One process can listen on several ports (one origin per webhook, like distinct customers). Control routes live
 * under /_ctl/ on every port; the scenarios use the first. Prints `READY {"ports":[…]}` once listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'ok' }, ports: { type: 'string' }, listeners: { type: 'string', default: '1' } },
});
const hang = values.mode === 'hang';

let requests = 0;
let hung = 0;
/** An HTTP status, or 0 for "hold": keep every request unanswered until a status is set again (a stuck endpoint). */
let answerStatus = 200;
const held = new Set<http.ServerResponse>();
let recordArrivals = false;
const seen = new Set<string>();
let duplicates = 0;
/** document id → arrival time (ms since the epoch, sub-ms resolution), for the latency scenarios. */
const arrivals: Array<[string, number]> = [];

function json(res: http.ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function control(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  req.resume();
  switch (url.pathname) {
    case '/_ctl/stats': return json(res, { requests, unique: seen.size, duplicates, hung: hung + held.size, status: answerStatus });
    case '/_ctl/ids': return json(res, [...seen]);
    case '/_ctl/arrivals': return json(res, arrivals);
    case '/_ctl/reset':
      requests = 0; hung = 0; duplicates = 0; seen.clear(); arrivals.length = 0;
      return json(res, { ok: true });
    case '/_ctl/config':
      if (url.searchParams.has('status')) {
        answerStatus = Number(url.searchParams.get('status'));
        // Recovery: everything held so far is answered now, as a stuck endpoint answers once it is unstuck.
        if (answerStatus !== 0) {
          const waiting = [...held];
          held.clear();
          for (const r of waiting) answer(r);
        }
      }
      if (url.searchParams.has('record')) recordArrivals = url.searchParams.get('record') === '1';
      return json(res, { status: answerStatus, record: recordArrivals });
    default:
      res.writeHead(404).end();
  }
}

function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url?.startsWith('/_ctl/')) return control(req, res);
  // Taken as soon as the headers are parsed: this is when the delivery "arrived".
  const arrivedAt = performance.timeOrigin + performance.now();
  requests++;
  if (hang) { hung++; req.resume(); return; }
  const id = req.headers['x-cargolint-delivery'];
  if (typeof id === 'string') {
    if (seen.has(id)) duplicates++; else seen.add(id);
  }
  if (recordArrivals) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const docId = event?.data?.document?.id;
        if (event?.type === 'document.uploaded' && typeof docId === 'string') arrivals.push([docId, arrivedAt]);
      } catch { /* not an event body: nothing to match */ }
      answer(res);
    });
  } else {
    req.resume();
    req.on('end', () => answer(res));
  }
}

function answer(res: http.ServerResponse) {
  if (answerStatus === 0) {
    held.add(res);
    // The sender gave up (its timeout): nothing left to answer.
    res.on('close', () => held.delete(res));
    return;
  }
  res.writeHead(answerStatus, { 'content-length': '2' }).end('ok');
}

// --ports=a,b,… binds those ports (a receiver restarted after an outage); else --listeners=N ephemeral ones.
const wanted = values.ports ? values.ports.split(',').map(Number) : Array.from({ length: Number(values.listeners) }, () => 0);
const ports: number[] = [];
for (const port of wanted) {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, onRequest);
  // A hung endpoint keeps its requests forever; Node's default request timeout would answer them for us.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.stdout.write(`READY ${JSON.stringify({ ports })}\n`);
process.on('SIGTERM', () => process.exit(0));
