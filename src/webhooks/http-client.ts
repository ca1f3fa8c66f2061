/**
 * The one piece of webhook delivery that does I/O: POST a signed body to a customer endpoint and
 * describe what happened. It never throws; every failure is an AttemptResult with an error class.
 *
 * Shape, for speed and isolation: one undici Agent (a keep-alive pool per origin, capped
 * connections, no pipelining so one slow response never queues another behind it), `request`
 * rather than `fetch` (about 6× cheaper), no redirects, one deadline per attempt.
 *
 * SSRF: the Agent's connector resolves the host itself, refuses if any answer is a forbidden
 * address, then dials the checked IP (TLS SNI and certificate checks still use the host name).
 * The address checked is the address connected to, so DNS rebinding cannot slip between them.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent, buildConnector, request } from 'undici';
import type { Dispatcher } from 'undici';
import { storableText } from '../db/storable-text.js';
import {
  AttemptTimeoutError,
  BlockedAddressError,
  DnsLookupError,
  classifyError,
  describeError,
  errorClassForStatus,
  type ErrorClass,
} from './classify.js';
import { parseRetryAfter } from './retry.js';
import { signDelivery, type DeliveryToSign } from './signing.js';
import { forbiddenAddressReason, forbiddenHostReason, validateWebhookUrl } from './safe-target.js';

export const RESPONSE_BODY_LIMIT_BYTES = 2048;
/** Past the stored prefix, a response this small is read and discarded to keep its connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024;
const DEFAULT_CONNECTIONS_PER_ORIGIN = 10;

export interface ResolvedAddress { address: string; family: 4 | 6 }
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface DeliveryClientOptions {
  /** Development and tests only: http://, loopback and private targets are allowed. */
  allowInsecure: boolean;
  /** Deadline of one whole attempt: DNS, connect, TLS, request and response. */
  timeoutMs: number;
  connectionsPerOrigin?: number;
  /** DNS for the connection-time address check; tests inject answers here. */
  resolve?: Resolver;
}

export interface AttemptResult {
  /** null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  /** The first 2 KiB of the response body, decoded as UTF-8 text. */
  responseBody: string;
  /** null on a 2xx; 'http_status' on any other status; otherwise the failure's class. */
  error: ErrorClass | null;
  /** Retry-After of a 429 or 503 response, in seconds. */
  retryAfterSeconds: number | null;
  /** True once a status line and headers arrived: the receiver saw the request. */
  headersReceived?: boolean;
  /** Human-readable detail of a failure without a response (for logs and delivery history). */
  errorMessage?: string | null;
}

export interface DeliveryClient {
  post(url: string, body: string, headers: Record<string, string>): Promise<AttemptResult>;
  /** Signs the attempt (CONTRACT §5) and posts it: where the client runs on its own thread, so does the HMAC. */
  send(url: string, delivery: DeliveryToSign): Promise<AttemptResult>;
  /** Waits for in-flight attempts (each bounded by the timeout), then closes every connection. */
  close(): Promise<void>;
}

export function createDeliveryClient(options: DeliveryClientOptions): DeliveryClient {
  const { allowInsecure, timeoutMs } = options;
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: createSafeConnector({ allowInsecure, timeoutMs, resolve: options.resolve ?? resolveWithSystemDns }),
  });

  async function post(url: string, body: string, headers: Record<string, string>): Promise<AttemptResult> {
    const startedAt = performance.now();
    const elapsedMs = () => Math.round(performance.now() - startedAt);
    const refusal = refuseTarget(url, allowInsecure);
    if (refusal) return failure(refusal.error, elapsedMs(), refusal.message);

    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
    try {
      const response = await request(url, { dispatcher: agent, method: 'POST', headers, body, signal: deadline.signal });
      const { statusCode } = response;
      const prefix = await readBodyPrefix(response.body, contentLengthOf(response.headers));
      const retryAfter = statusCode === 429 || statusCode === 503
        ? parseRetryAfter(response.headers['retry-after'], new Date())
        : null;
      return {
        statusCode,
        durationMs: elapsedMs(),
        responseBody: decodeText(prefix),
        error: errorClassForStatus(statusCode),
        retryAfterSeconds: retryAfter,
        headersReceived: true,
        errorMessage: null,
      };
    } catch (err) {
      // The deadline's abort can surface as several undici error shapes; the flag is definitive.
      const errorClass = deadline.signal.aborted ? 'timeout' : classifyError(err);
      return failure(errorClass, elapsedMs(), describeError(err));
    } finally {
      clearTimeout(timer);
    }
  }

  return { post, send: (url, delivery) => post(url, delivery.body, signDelivery(delivery)), close: () => agent.close() };
}

/**
 * The creation-time URL rules, again: a URL saved while insecure targets were allowed, or under
 * older rules, must not be delivered to now. Costs microseconds next to a network round trip.
 */
function refuseTarget(url: string, allowInsecure: boolean): { error: ErrorClass; message: string } | null {
  const shape = validateWebhookUrl(url, { allowInsecure: true });
  if (!shape.ok) return { error: 'invalid_url', message: `URL ${shape.message}` };
  if (allowInsecure) return null;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'https:') return { error: 'invalid_url', message: 'URL must use https://' };
  const reason = forbiddenHostReason(hostname);
  return reason === null ? null : { error: 'blocked_address', message: `refusing to connect to ${hostname}: ${reason}` };
}

/** An attempt that got no response. */
export function failure(error: ErrorClass, durationMs: number, errorMessage: string): AttemptResult {
  return { statusCode: null, durationMs, responseBody: '', error, retryAfterSeconds: null, headersReceived: false, errorMessage };
}

// ---------------------------------------------------------------------------------------------
// Connection-time SSRF guard

interface SafeConnectorOptions { allowInsecure: boolean; timeoutMs: number; resolve: Resolver }

function createSafeConnector({ allowInsecure, timeoutMs, resolve }: SafeConnectorOptions): buildConnector.connector {
  const connectSocket = buildConnector({ timeout: timeoutMs });
  return (connectOptions, callback) => {
    const { hostname } = connectOptions;
    resolveCheckedAddress(hostname, resolve, allowInsecure).then(
      (address) => connectSocket({
        ...connectOptions,
        hostname: address,
        // SNI cannot carry an IP literal; for names it must be the name, not the IP we dial.
        servername: connectOptions.servername || (isIP(hostname) ? undefined : hostname),
      }, callback),
      (err: Error) => callback(err, null),
    );
  };
}

async function resolveCheckedAddress(hostname: string, resolve: Resolver, allowInsecure: boolean): Promise<string> {
  let answers: ResolvedAddress[];
  if (isIP(hostname)) {
    answers = [{ address: hostname, family: isIP(hostname) as 4 | 6 }];
  } else {
    try {
      answers = await resolve(hostname);
    } catch (err) {
      throw new DnsLookupError(hostname, err);
    }
    if (answers.length === 0) throw new DnsLookupError(hostname, new Error('no addresses'));
  }
  if (!allowInsecure) {
    // Any forbidden answer refuses the name: a record set mixing public and internal addresses
    // is either a misconfiguration or an attempt to get lucky with address selection.
    for (const { address } of answers) {
      const reason = forbiddenAddressReason(address);
      if (reason !== null) throw new BlockedAddressError(hostname, address, reason);
    }
  }
  // IPv4 first: it is reachable from every host we run on, IPv6 is not always routed.
  return (answers.find((answer) => answer.family === 4) ?? answers[0]).address;
}

async function resolveWithSystemDns(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await lookup(hostname, { all: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

// ---------------------------------------------------------------------------------------------
// Response body

/**
 * Keeps the first 2 KiB. The rest is read and thrown away while small (so the keep-alive
 * connection can serve the next attempt) or cut off by destroying the stream, which costs a
 * connection but never buffers a large body. Errors after the headers do not change the
 * outcome: the status already decided it.
 */
function readBodyPrefix(body: Dispatcher.ResponseData['body'], contentLength: number | null): Promise<Buffer> {
  return new Promise((resolve) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let seenBytes = 0;
    const tooBigToDrain = contentLength !== null && contentLength > DRAIN_LIMIT_BYTES;
    body.on('data', (chunk: Buffer) => {
      seenBytes += chunk.length;
      if (keptBytes < RESPONSE_BODY_LIMIT_BYTES) {
        const part = chunk.subarray(0, RESPONSE_BODY_LIMIT_BYTES - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (keptBytes >= RESPONSE_BODY_LIMIT_BYTES && (tooBigToDrain || seenBytes > DRAIN_LIMIT_BYTES)) body.destroy();
    });
    body.on('error', () => {});
    body.on('close', () => resolve(kept.length === 1 ? kept[0] : Buffer.concat(kept, keptBytes)));
  });
}

function contentLengthOf(headers: Dispatcher.ResponseData['headers']): number | null {
  const value = headers['content-length'];
  const length = typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

function decodeText(bytes: Buffer): string {
  // stream:true holds back a multi-byte character cut in half by the 2 KiB limit instead of emitting U+FFFD.
  return storableText(new TextDecoder().decode(bytes, { stream: true }));
}
