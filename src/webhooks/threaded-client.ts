/**
 * The delivery client on its own thread. Sending a webhook (undici, sockets, stream handling) costs about as much
 * CPU as everything else the dispatcher does; on the main thread it competes with the API and the database for one
 * core. Here the main thread keeps every database write, lease and decision, and a worker thread only performs the
 * POSTs: requests cross in batches (one message per event-loop turn each way), so the hop costs a structured clone
 * of a few KB per batch, not a message per delivery.
 *
 * Failure: a thread that dies answers every attempt it held as a failed `network` attempt (the dispatcher retries
 * it: at-least-once) and a new thread starts for the next request. A thread that stops answering is caught by a
 * watchdog at the attempt deadline plus a margin.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { oncePerTurn } from '../next-turn.js';
import { failure, type AttemptResult, type DeliveryClient } from './http-client.js';
import type { DeliveryToSign } from './signing.js';

export interface ThreadedClientOptions {
  allowInsecure: boolean;
  timeoutMs: number;
  connectionsPerOrigin?: number;
}

/** Either signed already (post) or to be signed on the thread (send). */
type PostPayload = { body: string; headers: Record<string, string> } | { delivery: DeliveryToSign };
export type PostRequest = { id: number; url: string } & PostPayload;
export type ThreadMessage = { type: 'results'; results: Array<{ id: number; result: AttemptResult }> } | { type: 'closed' };
export type ParentMessage = { type: 'post'; requests: PostRequest[] } | { type: 'close' };

const WATCHDOG_MARGIN_MS = 10_000;

/**
 * From dist/ the worker is plain JS. Under tsx (tests, `npm run dev`) it is a .ts file, and a worker thread does not
 * inherit tsx's loader: a one-line bootstrap registers it in the thread first.
 */
function startWorker(options: ThreadedClientOptions): Worker {
  // Its garbage is short-lived request state: a small young generation keeps the thread's memory down (V8's default
  // grows it to 32 MB) at no measurable CPU cost.
  const settings = { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 8 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./threaded-client.worker.js', import.meta.url), settings);
  const entry = JSON.stringify(new URL('./threaded-client.worker.ts', import.meta.url).href);
  // require.resolve finds the package's CommonJS build of this entry; the thread imports its ES module twin.
  const tsxApi = JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href);
  const bootstrap = `import(${tsxApi}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, ...settings });
}

const lostResult = (message: string): AttemptResult => failure('network', 0, message);

export function createThreadedDeliveryClient(options: ThreadedClientOptions): DeliveryClient {
  const pending = new Map<number, { resolve: (r: AttemptResult) => void; deadline: number }>();
  let worker: Worker | null = null;
  let outbox: PostRequest[] = [];
  let nextId = 1;
  let closing: Promise<void> | null = null;

  function failAll(message: string) {
    for (const [, p] of pending) p.resolve(lostResult(message));
    pending.clear();
  }

  function start(): Worker {
    const w = startWorker(options);
    w.on('message', (message: ThreadMessage) => {
      if (message.type !== 'results') return;
      for (const { id, result } of message.results) {
        const p = pending.get(id);
        if (!p) continue;
        pending.delete(id);
        p.resolve(result);
      }
    });
    w.on('error', (err) => { if (worker === w) failAll(`delivery thread failed: ${err.message}`); });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = null;
      failAll(`delivery thread exited (code ${code}) before the response was read`);
    });
    // The thread must never keep a stopping process alive; close() ends it explicitly.
    w.unref();
    return w;
  }

  function flush() {
    if (outbox.length === 0) return;
    const requests = outbox;
    outbox = [];
    worker ??= start();
    worker.postMessage({ type: 'post', requests } satisfies ParentMessage);
  }

  const flushSoon = oncePerTurn(flush);

  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const [id, p] of pending) {
      if (p.deadline > now) continue;
      pending.delete(id);
      p.resolve(lostResult('the delivery thread did not answer within the attempt deadline'));
    }
  }, 1000);
  watchdog.unref();

  function enqueue(url: string, payload: PostPayload): Promise<AttemptResult> {
    if (closing) return Promise.resolve(lostResult('the delivery client is closed'));
    const id = nextId++;
    return new Promise<AttemptResult>((resolve) => {
      pending.set(id, { resolve, deadline: Date.now() + options.timeoutMs + WATCHDOG_MARGIN_MS });
      outbox.push({ id, url, ...payload });
      flushSoon();
    });
  }

  return {
    post: (url, body, headers) => enqueue(url, { body, headers }),
    send: (url, delivery) => enqueue(url, { delivery }),
    close() {
      closing ??= (async () => {
        flush();
        const w = worker;
        if (w) {
          // The thread waits for its in-flight attempts (each bounded by the deadline), then closes its sockets.
          await new Promise<void>((resolve) => {
            w.on('message', (m: ThreadMessage) => { if (m.type === 'closed') resolve(); });
            w.once('exit', () => resolve());
            w.postMessage({ type: 'close' } satisfies ParentMessage);
          });
          worker = null;
          await w.terminate();
        }
        clearInterval(watchdog);
        failAll('the delivery client closed');
      })();
      return closing;
    },
  };
}
