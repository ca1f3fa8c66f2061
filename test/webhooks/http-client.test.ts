import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../src/webhooks/classify.js';
import { createDeliveryClient, type DeliveryClient, type DeliveryClientOptions, type ResolvedAddress } from '../../src/webhooks/http-client.js';

interface ReceivedRequest { method: string; url: string; headers: IncomingMessage['headers']; body: string }

interface TestServer {
  server: Server;
  port: number;
  url: string;
  connections: number;
  requests: ReceivedRequest[];
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  }));
  return (server.address() as AddressInfo).port;
}

async function startServer(handler: Handler): Promise<TestServer> {
  const state = { connections: 0, requests: [] as ReceivedRequest[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', () => { state.connections++; });
  const port = await listen(server);
  return Object.assign(state, { server, port, url: `http://127.0.0.1:${port}` }) as TestServer;
}

function client(options: Partial<DeliveryClientOptions> = {}): DeliveryClient {
  const created = createDeliveryClient({ allowInsecure: true, timeoutMs: 5000, ...options });
  cleanups.push(() => created.close());
  return created;
}

const body = JSON.stringify({ id: 'evt_1', type: 'webhook.test', created_at: '2025-03-02T12:00:00.000Z', data: { message: 'hi' } });
const headers = { 'Content-Type': 'application/json', 'X-CargoLint-Signature': 'sha256=abc', 'webhook-id': 'evt_1' };

const answer = (address: string): ResolvedAddress[] => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('createDeliveryClient against real loopback receivers', () => {
  it('reports a 2xx as success and delivers the exact body and headers', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    const result = await client().post(`${receiver.url}/hooks?x=1`, body, headers);

    expect(result).toMatchObject({ statusCode: 200, error: null, responseBody: 'ok', retryAfterSeconds: null, headersReceived: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/hooks?x=1', body });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-cargolint-signature': 'sha256=abc',
      'webhook-id': 'evt_1',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('counts 201, 202 and 204 as success too', async () => {
    for (const status of [201, 202, 204]) {
      const receiver = await startServer((_req, res) => res.writeHead(status).end());
      const result = await client().post(receiver.url, body, headers);
      expect(result).toMatchObject({ statusCode: status, error: null, responseBody: '' });
    }
  });

  it('reports a 500 as an http_status failure with the response body', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(500).end('database is down'));
    const result = await client().post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: 500, error: 'http_status', responseBody: 'database is down', retryAfterSeconds: null });
    expect(classifyOutcome(result.statusCode!)).toBe('retryable');
  });

  it('reports 410 Gone as a permanent outcome', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(410).end('gone'));
    const result = await client().post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: 410, error: 'http_status' });
    expect(classifyOutcome(result.statusCode!)).toBe('permanent');
  });

  it('reads Retry-After on 429 and 503, and ignores it on other statuses', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const cases: Array<[number, string, number | null]> = [[429, '30', 30], [503, inTwoMinutes, 120], [500, '30', null]];
    for (const [status, retryAfter, expected] of cases) {
      const receiver = await startServer((_req, res) => res.writeHead(status, { 'retry-after': retryAfter }).end());
      const result = await client().post(receiver.url, body, headers);
      expect(result.statusCode).toBe(status);
      if (expected === null) expect(result.retryAfterSeconds).toBeNull();
      else expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(expected - 2);
      if (expected !== null) expect(result.retryAfterSeconds).toBeLessThanOrEqual(expected);
    }
  });

  it('does not follow redirects and counts them as failures', async () => {
    const receiver = await startServer((req, res) => {
      if (req.url === '/hook') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end('followed');
    });
    const result = await client().post(`${receiver.url}/hook`, body, headers);
    expect(result).toMatchObject({ statusCode: 302, error: 'http_status' });
    expect(receiver.requests.map((request) => request.url)).toEqual(['/hook']);
  });

  it('times out an endpoint that never answers', async () => {
    const receiver = await startServer(() => { /* never responds */ });
    const result = await client({ timeoutMs: 200 }).post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'timeout', headersReceived: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('judges a response by its status even when its body never finishes', async () => {
    const receiver = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const result = await client({ timeoutMs: 200 }).post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: 200, error: null, responseBody: 'partial' });
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('reports a closed port as connection_refused', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const result = await client().post(`http://127.0.0.1:${port}/`, body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'connection_refused', responseBody: '' });
    expect(result.errorMessage).toMatch(/ECONNREFUSED/);
  });

  it('reports a peer that hangs up without answering as connection_reset', async () => {
    const receiver = await startServer((req) => req.socket.destroy());
    const result = await client().post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'connection_reset' });
  });

  it('reports a non-HTTP answer as invalid_response', async () => {
    for (const reply of ['SSH-2.0-OpenSSH_9.6\r\n\r\n', 'HTTP/1.1 abc OK\r\n\r\n']) {
      const receiver = await startServer((req) => req.socket.end(reply));
      const result = await client().post(receiver.url, body, headers);
      expect(result).toMatchObject({ statusCode: null, error: 'invalid_response' });
    }
  });

  it('keeps the status of a response whose body is cut short', async () => {
    const receiver = await startServer((req) => req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort'));
    const result = await client().post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: 200, error: null, responseBody: 'short' });
  });

  it('keeps only the first 2 KiB of a 1 MB response and does not wait for the rest', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const receiver = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(big));
    const deliveryClient = client();
    const result = await deliveryClient.post(receiver.url, body, headers);
    expect(result.statusCode).toBe(200);
    expect(result.responseBody).toBe('x'.repeat(2048));
    // The connection was cut to avoid reading a megabyte; the next attempt still works.
    expect((await deliveryClient.post(receiver.url, body, headers)).statusCode).toBe(200);
  });

  it('does not split a multi-byte character at the 2 KiB boundary', async () => {
    const text = 'a'.repeat(2047) + 'é' + 'tail';
    const receiver = await startServer((_req, res) => res.writeHead(500).end(text));
    const result = await client().post(receiver.url, body, headers);
    expect(result.responseBody).toBe('a'.repeat(2047));
  });

  it('reuses keep-alive connections for sequential deliveries, even after a mid-size response', async () => {
    let served = 0;
    const receiver = await startServer((_req, res) => res.writeHead(200).end(served++ === 3 ? 'y'.repeat(20_000) : 'ok'));
    const deliveryClient = client();
    for (let i = 0; i < 20; i++) expect((await deliveryClient.post(receiver.url, body, headers)).statusCode).toBe(200);
    expect(receiver.requests).toHaveLength(20);
    // undici may open a second connection when the next request is dispatched in the same tick
    // the first connection becomes free; after that both are reused, never one per request.
    expect(receiver.connections).toBeLessThanOrEqual(2);
  });

  it('caps concurrent connections per origin', async () => {
    const receiver = await startServer((_req, res) => setTimeout(() => res.writeHead(200).end('ok'), 20));
    const deliveryClient = client({ connectionsPerOrigin: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, () => deliveryClient.post(receiver.url, body, headers)));
    expect(results.every((result) => result.statusCode === 200)).toBe(true);
    expect(receiver.connections).toBeLessThanOrEqual(3);
  });

  it('never throws: unusable URLs and headers become failed attempts', async () => {
    const deliveryClient = client();
    await expect(deliveryClient.post('not a url', body, headers)).resolves.toMatchObject({ statusCode: null, error: 'invalid_url' });
    await expect(deliveryClient.post('ftp://example.com/', body, headers)).resolves.toMatchObject({ error: 'invalid_url' });
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const badHeader = await deliveryClient.post(receiver.url, body, { ...headers, 'x-bad': 'line\r\nbreak' });
    expect(badHeader).toMatchObject({ statusCode: null, error: 'network' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses http:// targets when insecure URLs are not allowed', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const result = await client({ allowInsecure: false }).post(receiver.url, body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'invalid_url' });
    expect(result.errorMessage).toMatch(/https/);
    expect(receiver.connections).toBe(0);
  });

  it('reports a TLS handshake against a plain HTTP server as tls', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const result = await client().post(`https://127.0.0.1:${receiver.port}/`, body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'tls' });
  });
});

describe('connection-time address checks (SSRF, DNS rebinding)', () => {
  const secureClient = (resolve: (hostname: string) => Promise<ResolvedAddress[]>) =>
    client({ allowInsecure: false, timeoutMs: 500, resolve });

  it.each(['127.0.0.1', '169.254.169.254', '::ffff:127.0.0.1', '::1', '10.0.0.5'])(
    'refuses a public-looking name that resolves to %s',
    async (address) => {
      const receiver = await startServer((_req, res) => res.writeHead(200).end());
      const result = await secureClient(async () => answer(address)).post(`https://hooks.example.com:${receiver.port}/`, body, headers);
      expect(result).toMatchObject({ statusCode: null, error: 'blocked_address' });
      expect(result.errorMessage).toContain(address);
      expect(receiver.connections).toBe(0);
    },
  );

  it('refuses a name when any of its addresses is forbidden', async () => {
    const result = await secureClient(async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ]).post('https://hooks.example.com/', body, headers);
    expect(result.error).toBe('blocked_address');
  });

  it('refuses forbidden IP literals and internal names saved under laxer rules, without connecting', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const resolve = async () => answer('127.0.0.1');
    for (const url of [`https://127.0.0.1:${receiver.port}/`, `https://[::ffff:7f00:1]:${receiver.port}/`, `https://localhost:${receiver.port}/`, 'https://metadata.google.internal/']) {
      const result = await secureClient(resolve).post(url, body, headers);
      expect(result, url).toMatchObject({ statusCode: null, error: 'blocked_address' });
    }
    expect(receiver.connections).toBe(0);
  });

  it('checks every new connection: a name rebound to loopback after a public answer is refused', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const answers = ['2001:4860:4860::8888', '127.0.0.1'];
    const asked: string[] = [];
    const deliveryClient = secureClient(async (hostname) => {
      asked.push(hostname);
      return answer(answers.shift() ?? '127.0.0.1');
    });
    const url = `https://rebind.example.com:${receiver.port}/`;

    const first = await deliveryClient.post(url, body, headers);
    expect(first.error).not.toBe('blocked_address'); // dialled the public address (unreachable here, or no TLS)
    const second = await deliveryClient.post(url, body, headers);
    expect(second).toMatchObject({ statusCode: null, error: 'blocked_address' });
    expect(asked).toEqual(['rebind.example.com', 'rebind.example.com']);
    expect(receiver.connections).toBe(0);
  });

  it('dials the address its resolver returned, and sends the original Host header', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const deliveryClient = client({ resolve: async () => answer('127.0.0.1') });
    const result = await deliveryClient.post(`http://hooks.invalid:${receiver.port}/`, body, headers);
    expect(result.statusCode).toBe(200);
    expect(receiver.requests[0].headers.host).toBe(`hooks.invalid:${receiver.port}`);
  });

  it('prefers an IPv4 answer when the resolver returns both families', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const deliveryClient = client({ resolve: async () => [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }] });
    expect((await deliveryClient.post(`http://dual.invalid:${receiver.port}/`, body, headers)).statusCode).toBe(200);
  });

  it('reports a failed lookup as dns', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example.com'), { code: 'ENOTFOUND' });
    const result = await secureClient(async () => { throw notFound; }).post('https://nowhere.example.com/', body, headers);
    expect(result).toMatchObject({ statusCode: null, error: 'dns' });
    expect(result.errorMessage).toMatch(/ENOTFOUND/);
  });

  it('reports an empty lookup answer as dns', async () => {
    const result = await secureClient(async () => []).post('https://empty.example.com/', body, headers);
    expect(result.error).toBe('dns');
  });

  it('uses the system resolver by default', async () => {
    const receiver = await startServer((_req, res) => res.writeHead(200).end());
    const result = await client().post(`http://localhost:${receiver.port}/`, body, headers);
    expect(result.statusCode).toBe(200);
  });

  it('keeps the host name for TLS (SNI and certificate checks) while dialling the checked IP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cargolint-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=hooks.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const context = createSecureContext({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    const serverNames: string[] = [];
    const tlsServer = createTlsServer({
      SNICallback: (name, done) => { serverNames.push(name); done(null, context); },
    }, (_req, res) => res.writeHead(200).end());
    const port = await listen(tlsServer);

    const result = await client({ resolve: async () => answer('127.0.0.1') }).post(`https://hooks.test:${port}/`, body, headers);
    expect(serverNames).toEqual(['hooks.test']);
    expect(result).toMatchObject({ statusCode: null, error: 'tls' }); // self-signed: the certificate check ran
    expect(result.errorMessage).toMatch(/self.signed/i);
  });
});
