import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  BlockedAddressError,
  DnsLookupError,
  classifyError,
  classifyOutcome,
  errorClassForStatus,
} from '../../src/webhooks/classify.js';

function errorWithCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyOutcome', () => {
  it('treats every 2xx as success', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(classifyOutcome(status)).toBe('success');
  });

  it('treats 410 Gone as permanent', () => {
    expect(classifyOutcome(410)).toBe('permanent');
  });

  it('retries redirects, client errors, server errors and informational codes', () => {
    for (const status of [100, 301, 302, 304, 307, 308, 400, 401, 404, 408, 429, 500, 502, 503, 504]) {
      expect(classifyOutcome(status)).toBe('retryable');
    }
  });

  it('names any non-2xx status http_status', () => {
    expect(errorClassForStatus(204)).toBeNull();
    expect(errorClassForStatus(302)).toBe('http_status');
    expect(errorClassForStatus(410)).toBe('http_status');
    expect(errorClassForStatus(500)).toBe('http_status');
  });
});

describe('classifyError', () => {
  it.each([
    ['ECONNREFUSED', 'connection_refused'],
    ['ECONNRESET', 'connection_reset'],
    ['EPIPE', 'connection_reset'],
    ['UND_ERR_SOCKET', 'connection_reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['ETIMEDOUT', 'timeout'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['EPROTO', 'tls'],
    ['HPE_INVALID_CONSTANT', 'invalid_response'],
    ['UND_ERR_HEADERS_OVERFLOW', 'invalid_response'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'invalid_response'],
    ['EHOSTUNREACH', 'network'],
    ['ENETUNREACH', 'network'],
  ])('maps %s to %s', (code, expected) => {
    expect(classifyError(errorWithCode(code))).toBe(expected);
  });

  it('recognises its own errors', () => {
    expect(classifyError(new BlockedAddressError('evil.example', '127.0.0.1', 'loopback'))).toBe('blocked_address');
    expect(classifyError(new DnsLookupError('nowhere.example', errorWithCode('ENOTFOUND')))).toBe('dns');
    expect(classifyError(new AttemptTimeoutError(100))).toBe('timeout');
  });

  it('calls a resolver failure dns even when the resolver reused a connection error code', () => {
    expect(classifyError(new DnsLookupError('x.example', errorWithCode('ECONNREFUSED')))).toBe('dns');
  });

  it('follows cause chains and AggregateError members', () => {
    const wrapped = new TypeError('fetch failed', { cause: errorWithCode('ECONNREFUSED') });
    expect(classifyError(wrapped)).toBe('connection_refused');
    const aggregate = new AggregateError([new Error('first'), errorWithCode('ECONNREFUSED')], 'all failed');
    expect(classifyError(aggregate)).toBe('connection_refused');
  });

  it('treats an AbortSignal.timeout() reason as a timeout', () => {
    expect(classifyError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timeout');
  });

  it('treats an HTTP parser error without a code as invalid_response', () => {
    expect(classifyError(Object.assign(new Error('Response does not match the HTTP/1.1 protocol'), { name: 'HTTPParserError' }))).toBe('invalid_response');
  });

  it('falls back to network for anything unknown, including non-errors and cycles', () => {
    expect(classifyError(new Error('boom'))).toBe('network');
    expect(classifyError('a string')).toBe('network');
    expect(classifyError(null)).toBe('network');
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(classifyError(cyclic)).toBe('network');
  });
});
