import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signDelivery, type DeliveryToSign } from '../../src/webhooks/signing.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

function delivery(overrides: Partial<DeliveryToSign> = {}): DeliveryToSign {
  return {
    body: JSON.stringify({
      id: 'evt_2NfXkq',
      type: 'document.uploaded',
      created_at: '2025-03-02T12:00:00.000Z',
      data: { document: { id: 'doc_1', filename: 'Zürich–東京 invoice.pdf' } },
    }),
    eventId: 'evt_2NfXkq',
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
