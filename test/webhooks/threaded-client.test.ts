import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../src/webhooks/signing.js';
import { createThreadedDeliveryClient } from '../../src/webhooks/threaded-client.js';
import { startReceiver } from '../helpers/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('delivery client on its own thread', () => {
  const receivers: Receiver[] = [];
  const start = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  afterEach(async () => { while (receivers.length > 0) await receivers.pop()!.close(); });

  const delivery = (secret: string, n: number) => ({
    body: JSON.stringify({ id: `evt_${n}`, type: 'document.uploaded', data: { n } }), eventId: `evt_${n}`, deliveryId: `dlv_${n}`,
    eventType: 'document.uploaded', timestampSeconds: Math.floor(Date.now() / 1000), secrets: [secret], userAgent: 'CargoLint-Webhooks/test',
  });

  it('signs on the thread and answers each attempt with its own result', async () => {
    const ok = await start(() => ({ status: 200, body: 'ok' }));
    const gone = await start(() => ({ status: 410, body: 'gone' }));
    const secret = generateWebhookSecret();
    const client = createThreadedDeliveryClient({ allowInsecure: true, timeoutMs: 3000 });
    try {
      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => client.send(ok.url, delivery(secret, i))),
        client.send(gone.url, delivery(secret, 99)),
      ]);
      expect(results.slice(0, 20).map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      expect(results[0]).toMatchObject({ error: null, responseBody: 'ok', headersReceived: true });
      expect(results[20]).toMatchObject({ statusCode: 410, error: 'http_status', responseBody: 'gone' });
      expect(ok.requests).toHaveLength(20);
      // The receiver's own check of what the thread signed: HMAC-SHA256 of the exact body with the secret.
      for (const req of ok.requests) {
        const expected = `sha256=${createHmac('sha256', secret).update(req.body).digest('hex')}`;
        expect(req.headers['x-cargolint-signature']).toBe(expected);
        expect(req.headers['webhook-id']).toBe(JSON.parse(req.body).id);
      }
    } finally {
      await client.close();
    }
  });

  it('reports an unreachable endpoint as a classified failure, not a lost attempt', async () => {
    const closed = await start();
    const url = closed.url;
    await closed.close();
    receivers.pop();
    const client = createThreadedDeliveryClient({ allowInsecure: true, timeoutMs: 3000 });
    try {
      const result = await client.send(url, delivery(generateWebhookSecret(), 1));
      expect(result).toMatchObject({ statusCode: null, error: 'connection_refused', headersReceived: false });
    } finally {
      await client.close();
    }
  });

  it('closes only after the attempts in flight are answered, then refuses new ones', async () => {
    const hanging = await start(() => ({ status: 200, hang: true }));
    const client = createThreadedDeliveryClient({ allowInsecure: true, timeoutMs: 600 });
    const inFlight = client.send(hanging.url, delivery(generateWebhookSecret(), 1));
    await hanging.waitFor(1);
    const t0 = Date.now();
    await client.close();
    // The attempt ran to its own deadline on the thread; close() did not cut it short or answer it as lost.
    expect(await inFlight).toMatchObject({ statusCode: null, error: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    const after = await client.send(hanging.url, delivery(generateWebhookSecret(), 2));
    expect(after).toMatchObject({ statusCode: null, error: 'network', errorMessage: 'the delivery client is closed' });
    expect(hanging.requests).toHaveLength(1);
  });
});
