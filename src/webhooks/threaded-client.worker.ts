/** The delivery thread (see threaded-client.ts): POSTs what the main thread sends and answers in batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { oncePerTurn } from '../next-turn.js';
import { createDeliveryClient, failure, type AttemptResult } from './http-client.js';
import type { ParentMessage, PostRequest, ThreadedClientOptions, ThreadMessage } from './threaded-client.js';

const client = createDeliveryClient(workerData as ThreadedClientOptions);
const port = parentPort!;
let results: Array<{ id: number; result: AttemptResult }> = [];
let inFlight = 0;
let closeRequested = false;

function flushResults() {
  if (results.length === 0) return;
  const batch = results;
  results = [];
  port.postMessage({ type: 'results', results: batch } satisfies ThreadMessage);
}

async function closeWhenIdle() {
  if (!closeRequested || inFlight > 0) return;
  flushResults();
  await client.close();
  port.postMessage({ type: 'closed' } satisfies ThreadMessage);
}

const flushResultsSoon = oncePerTurn(flushResults);

const failed = (error: unknown): AttemptResult =>
  failure('network', 0, `the attempt could not be made: ${error instanceof Error ? error.message : String(error)}`);

async function post(request: PostRequest) {
  inFlight++;
  const result = await ('delivery' in request
    ? client.send(request.url, request.delivery)
    : client.post(request.url, request.body, request.headers)).catch(failed);
  inFlight--;
  const { id } = request;
  results.push({ id, result });
  flushResultsSoon();
  await closeWhenIdle();
}

port.on('message', (message: ParentMessage) => {
  if (message.type === 'post') {
    for (const request of message.requests) void post(request);
  } else {
    closeRequested = true;
    void closeWhenIdle();
  }
});
