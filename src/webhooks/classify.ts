/**
 * What a delivery attempt's outcome means, as data: an HTTP status becomes success / retryable /
 * permanent, and a thrown error becomes one short class name stored on the attempt row
 * (CONTRACT §4 `attempt.error`) so customers and dashboards can group failures.
 */

export type Outcome = 'success' | 'retryable' | 'permanent';

export type ErrorClass =
  | 'timeout'
  | 'connection_refused'
  | 'connection_reset'
  | 'dns'
  | 'tls'
  | 'blocked_address'
  | 'invalid_url'
  | 'invalid_response'
  | 'http_status'
  | 'network';

/** The attempt needed a connection to an address the SSRF rules forbid. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_CARGOLINT_BLOCKED_ADDRESS';
  constructor(readonly hostname: string, readonly address: string, readonly reason: string) {
    super(`refusing to connect to ${hostname} (${address}): ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * The name did not resolve. Wrapping the resolver's error matters: c-ares style resolvers reuse
 * codes such as ECONNREFUSED (the DNS server refused), which would otherwise read as the
 * webhook endpoint refusing the connection.
 */
export class DnsLookupError extends Error {
  readonly code = 'ERR_CARGOLINT_DNS';
  constructor(readonly hostname: string, cause: unknown) {
    super(`could not resolve ${hostname}: ${describeError(cause)}`, { cause });
    this.name = 'DnsLookupError';
  }
}

/** The whole attempt (DNS + connect + TLS + request + response) ran out of time. */
export class AttemptTimeoutError extends Error {
  readonly code = 'ERR_CARGOLINT_ATTEMPT_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/** The URL cannot be delivered to at all (unparseable, wrong scheme, or breaks the URL rules). */
export class InvalidTargetUrlError extends Error {
  readonly code = 'ERR_CARGOLINT_INVALID_URL';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTargetUrlError';
  }
}

/** Any 2xx succeeds; 410 Gone means "stop sending" (disable); everything else, 3xx included, is retried. */
export function classifyOutcome(statusCode: number): Outcome {
  if (statusCode >= 200 && statusCode <= 299) return 'success';
  if (statusCode === 410) return 'permanent';
  return 'retryable';
}

/** `null` for a 2xx, `'http_status'` for any other status (redirects are not followed). */
export function errorClassForStatus(statusCode: number): ErrorClass | null {
  return classifyOutcome(statusCode) === 'success' ? null : 'http_status';
}

const CLASS_BY_CODE: Readonly<Record<string, ErrorClass>> = {
  ERR_CARGOLINT_BLOCKED_ADDRESS: 'blocked_address',
  ERR_CARGOLINT_DNS: 'dns',
  ERR_CARGOLINT_ATTEMPT_TIMEOUT: 'timeout',
  ERR_CARGOLINT_INVALID_URL: 'invalid_url',
  ERR_INVALID_URL: 'invalid_url',

  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',

  ECONNREFUSED: 'connection_refused',

  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ECONNABORTED: 'connection_reset',
  // undici's "other side closed": the peer hung up before a complete response.
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CLOSED: 'connection_reset',

  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ENODATA: 'dns',
  ESERVFAIL: 'dns',

  EPROTO: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  HOSTNAME_MISMATCH: 'tls',

  UND_ERR_HEADERS_OVERFLOW: 'invalid_response',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'invalid_response',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'invalid_response',
  UND_ERR_RESPONSE: 'invalid_response',
  UND_ERR_INFO: 'invalid_response',
};

function classOfCode(code: string): ErrorClass | null {
  const known = CLASS_BY_CODE[code];
  if (known) return known;
  if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_')) return 'tls';
  if (code.startsWith('HPE_')) return 'invalid_response'; // llhttp parser: not HTTP/1.x on the wire
  return null;
}

/**
 * Maps anything thrown during an attempt to an ErrorClass. Follows `cause` chains and
 * AggregateError members (Node's happy-eyeballs connect throws those) before giving up with
 * the catch-all `network`.
 */
export function classifyError(err: unknown): ErrorClass {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof BlockedAddressError) return 'blocked_address';
    const { code, name, cause, errors } = current as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      const byCode = classOfCode(code);
      if (byCode) return byCode;
    }
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError and no code.
    if (name === 'TimeoutError') return 'timeout';
    // undici's parser error does not always carry its HPE_ code.
    if (name === 'HTTPParserError') return 'invalid_response';
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return 'network';
}

/** One line for logs and delivery history: the message, prefixed by the code when it lacks it. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
