import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createReceiver, type CargoLintEvent } from '../../examples/receivers/typescript/receiver.js';
import { createDeliveryClient } from '../../src/webhooks/http-client.js';
import { generateWebhookSecret, signDelivery, type DeliveryToSign } from '../../src/webhooks/signing.js';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(repoFile(path), 'utf8');

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A delivery whose body's id follows `overrides.eventId`, as real ones do. */
function delivery(overrides: Partial<DeliveryToSign> = {}): DeliveryToSign {
  const eventId = overrides.eventId ?? 'evt_2NfXkq';
  return {
    body: JSON.stringify({
      id: eventId,
      type: 'document.uploaded',
      created_at: '2025-03-02T12:00:00.000Z',
      data: { document: { id: 'doc_1', filename: 'Zürich–東京 invoice.pdf' } },
    }),
    eventId,
    deliveryId: 'dlv_8Hq2',
    eventType: 'document.uploaded',
    timestampSeconds: nowSeconds(),
    secrets: [generateWebhookSecret()],
    userAgent: 'CargoLint-Webhooks/0.1.0',
    ...overrides,
  };
}

/** Runs a Python snippet with a JSON object on stdin and returns its stdout, trimmed. */
function python(script: string, input: unknown): string {
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' }).trim();
}

describe('generateWebhookSecret', () => {
  it('is whsec_ followed by base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 1000 }, generateWebhookSecret));
    expect(secrets.size).toBe(1000);
  });
});

describe('signDelivery', () => {
  it('produces exactly the CONTRACT §5 header set', () => {
    const input = delivery({ timestampSeconds: 1_740_916_800 });
    const headers = signDelivery(input);
    expect(Object.keys(headers).sort()).toEqual([
      'Content-Type', 'User-Agent', 'X-CargoLint-Delivery', 'X-CargoLint-Event', 'X-CargoLint-Signature',
      'webhook-id', 'webhook-signature', 'webhook-timestamp',
    ].sort());
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      'User-Agent': 'CargoLint-Webhooks/0.1.0',
      'X-CargoLint-Event': 'document.uploaded',
      'X-CargoLint-Delivery': 'dlv_8Hq2',
      'webhook-id': 'evt_2NfXkq',
      'webhook-timestamp': '1740916800',
    });
    expect(headers['X-CargoLint-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('truncates a fractional timestamp to whole seconds', () => {
    expect(signDelivery(delivery({ timestampSeconds: 1_740_916_800.9 }))['webhook-timestamp']).toBe('1740916800');
  });

  it('signs X-CargoLint-Signature exactly as Python hmac does over the body bytes', () => {
    const input = delivery();
    const expected = python(
      'import hashlib, hmac, json, sys\n'
      + 'd = json.load(sys.stdin)\n'
      + 'print(hmac.new(d["secret"].encode(), d["payload"].encode(), hashlib.sha256).hexdigest())',
      { secret: input.secrets[0], payload: input.body },
    );
    expect(signDelivery(input)['X-CargoLint-Signature']).toBe(`sha256=${expected}`);
  });

  it('signs webhook-signature exactly as an independent Python Standard Webhooks computation', () => {
    const input = delivery();
    const expected = python(
      'import base64, hashlib, hmac, json, sys\n'
      + 'd = json.load(sys.stdin)\n'
      + 'key = base64.b64decode(d["secret"].removeprefix("whsec_"))\n'
      + 'msg = f\'{d["id"]}.{d["ts"]}.{d["payload"]}\'.encode()\n'
      + 'print("v1," + base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode())',
      { secret: input.secrets[0], payload: input.body, id: input.eventId, ts: input.timestampSeconds },
    );
    expect(signDelivery(input)['webhook-signature']).toBe(expected);
  });

  it('verifies with the standardwebhooks library', () => {
    const input = delivery();
    const headers = signDelivery(input);
    expect(new Webhook(input.secrets[0]).verify(input.body, headers)).toEqual(JSON.parse(input.body));
  });

  it('verifies with either secret during a rotation, newest signature first', () => {
    const [newest, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const input = delivery({ secrets: [newest, previous] });
    const headers = signDelivery(input);

    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures[0]).toBe(signDelivery({ ...input, secrets: [newest] })['webhook-signature']);
    expect(signatures[1]).toBe(signDelivery({ ...input, secrets: [previous] })['webhook-signature']);

    expect(() => new Webhook(newest).verify(input.body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(input.body, headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(input.body, headers)).toThrow(/No matching signature/);
  });

  it('always signs X-CargoLint-Signature with the newest secret only', () => {
    const [newest, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const input = delivery({ secrets: [newest, previous] });
    expect(signDelivery(input)['X-CargoLint-Signature']).toBe(signDelivery({ ...input, secrets: [newest] })['X-CargoLint-Signature']);
  });

  it('fails verification when the body, id or timestamp is altered', () => {
    const input = delivery();
    const headers = signDelivery(input);
    const webhook = new Webhook(input.secrets[0]);
    expect(() => webhook.verify(input.body.replace('doc_1', 'doc_2'), headers)).toThrow();
    expect(() => webhook.verify(input.body, { ...headers, 'webhook-id': 'evt_other' })).toThrow();
    expect(() => webhook.verify(input.body, { ...headers, 'webhook-timestamp': String(input.timestampSeconds - 1) })).toThrow();
  });

  it('is rejected by the library once outside its 5 minute tolerance', () => {
    const input = delivery({ timestampSeconds: nowSeconds() - 301 });
    expect(() => new Webhook(input.secrets[0]).verify(input.body, signDelivery(input))).toThrow(/too old/);
  });

  it('refuses to sign without a secret or with a malformed one', () => {
    expect(() => signDelivery(delivery({ secrets: [] }))).toThrow(/at least one secret/);
    expect(() => signDelivery(delivery({ secrets: ['not-a-secret'] }))).toThrow(/whsec_/);
    expect(() => signDelivery(delivery({ secrets: ['whsec_!!!'] }))).toThrow(/base64/);
  });
});

describe('the receiving guide and its example receivers', () => {
  const guide = read('docs/receiving-webhooks.md');

  /** A function's source text, from its first line to the closing brace at column 0. */
  function functionSource(source: string, firstLine: string): string {
    const start = source.indexOf(firstLine);
    expect(start, firstLine).toBeGreaterThanOrEqual(0);
    return source.slice(start, source.indexOf('\n}\n', start) + 2);
  }

  it('shows the example receivers\' verification code verbatim', () => {
    expect(guide).toContain(read('examples/receivers/python/receiver.py'));
    expect(guide).toContain(functionSource(read('examples/receivers/typescript/receiver.ts'), '/** True when `signatureHeader`'));
    expect(guide).toContain(functionSource(read('examples/receivers/go/main.go'), '// VerifySignature reports'));
  });

  it('publishes an example request whose signatures are exactly what CargoLint sends', () => {
    const secret = 'whsec_Y2FyZ29saW50LXRlc3QtdmVjdG9yLXNlY3JldC0zMmI=';
    const body = guide.match(/^(\{"id":"evt_01jd3kb2n3m4q5w6e7r8t9y0u1".*\})$/m)?.[1];
    expect(body).toBeDefined();
    const headers = signDelivery({
      body: body!, eventId: 'evt_01jd3kb2n3m4q5w6e7r8t9y0u1', deliveryId: 'dlv_01jd3kb2p4r5s6t7v8w9x0y1z2', eventType: 'webhook.test',
      timestampSeconds: Date.parse(JSON.parse(body!).created_at) / 1000, secrets: [secret], userAgent: 'CargoLint-Webhooks/0.1.0',
    });
    for (const [name, value] of Object.entries(headers)) expect(guide).toContain(`${name}: ${value}\n`);
  });

  const flaskAvailable = spawnSync('python3', ['-c', 'import flask']).status === 0;

  it.skipIf(!flaskAvailable)('Python receiver from the guide accepts genuine deliveries and rejects forged ones', () => {
    const [current, previous, stranger] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const genuine = delivery({ secrets: [current] });
    const duringRotation = delivery({ secrets: [current, previous], eventId: 'evt_rotation' });
    const signedByStranger = delivery({ secrets: [stranger] });
    const request = (input: DeliveryToSign, override: Record<string, string> = {}) =>
      ({ body: input.body, headers: { ...signDelivery(input), ...override } });
    const cases = [
      request(genuine),
      request(genuine), // the same event again
      request(duringRotation),
      request(signedByStranger),
      { body: genuine.body.replace('doc_1', 'doc_2'), headers: signDelivery(genuine) },
      request(genuine, { 'X-CargoLint-Signature': 'sha256=é' }),
      { body: genuine.body, headers: { 'Content-Type': 'application/json' } },
    ];
    const harness = [
      'import json, os, sys',
      'd = json.load(sys.stdin)',
      'os.environ["CARGOLINT_WEBHOOK_SECRET"] = d["secret"]',
      'sys.path.insert(0, d["dir"])',
      'import receiver',
      'import threading',
      'processed = []',
      'receiver.handle_event = lambda event: processed.append(event["id"])',
      'client = receiver.app.test_client()',
      'statuses = [client.post("/webhooks/cargolint", data=c["body"].encode(), headers=c["headers"]).status_code for c in d["cases"]]',
      '[t.join() for t in threading.enumerate() if t is not threading.current_thread()]',
      'print(json.dumps({"statuses": statuses, "processed": processed}))',
    ].join('\n');
    const outcome = JSON.parse(python(harness, { secret: current, dir: repoFile('examples/receivers/python'), cases }));
    expect(outcome.statuses).toEqual([202, 200, 202, 400, 400, 400, 400]);
    expect(outcome.processed).toEqual([genuine.eventId, 'evt_rotation']);
  });

  it('TypeScript receiver accepts a real delivery once, rejects a forged one, and keeps working across a rotation', async () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const processed: CargoLintEvent[] = [];
    const receiver = createReceiver([current, previous], (event) => { processed.push(event); });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/cargolint`;
    const client = createDeliveryClient({ allowInsecure: true, timeoutMs: 5000 });
    try {
      const genuine = delivery({ secrets: [current] });
      expect((await client.post(url, genuine.body, signDelivery(genuine))).statusCode).toBe(202);
      expect((await client.post(url, genuine.body, signDelivery(genuine))).statusCode).toBe(200); // duplicate
      const signedWithOldSecretOnly = delivery({ secrets: [previous], eventId: 'evt_old' });
      expect((await client.post(url, signedWithOldSecretOnly.body, signDelivery(signedWithOldSecretOnly))).statusCode).toBe(202);
      const forged = delivery({ secrets: [generateWebhookSecret()] });
      expect((await client.post(url, forged.body, signDelivery(forged))).statusCode).toBe(400);
      await new Promise((resolve) => setImmediate(resolve));
      expect(processed.map((event) => event.id)).toEqual(['evt_2NfXkq', 'evt_old']);
    } finally {
      await client.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
