import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { emit } from '../../src/events/emit.js';
import { startDispatcher, type Dispatcher } from '../../src/webhooks/delivery/dispatcher.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { startReceiver, waitUntil } from '../helpers/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe.each(DIALECTS)('webhook delivery on %s', (dialect) => {
  let t: TestApp;
  let dispatcher: Dispatcher | null = null;
  const receivers: Receiver[] = [];

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = null;
    await t.close();
    for (const r of receivers.splice(0)) await r.close();
  });

  async function setup(env: Record<string, string> = {}, options: Parameters<typeof startDispatcher>[1] = {}) {
    t = await testApp(dialect, { CARGOLINT_RETRY_SCHEDULE: '0.05,0.05,0.05,0.05', ...env });
    dispatcher = startDispatcher(t.ctx, { pollMs: 100, ...options });
    const org = await t.org('business');
    return org;
  }

  async function receiver(...args: Parameters<typeof startReceiver>) {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  }

  async function createWebhook(org: Awaited<ReturnType<typeof setup>>, url: string, events = ['document.uploaded']) {
    const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url, events } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string };
  }

  async function fire(orgId: string, type: 'document.uploaded' | 'compliance.warning' = 'document.uploaded', data: unknown = { document: { id: 'doc_1' } }) {
    const ev = await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: orgId, type, data }));
    t.ctx.wakeups.notify('deliveries');
    return ev;
  }

  const deliveriesOf = (webhookId: string) => t.ctx.db.selectFrom('deliveries').selectAll().where('webhook_id', '=', webhookId).execute();

  it('delivers a signed event that the guide\'s HMAC and the standardwebhooks library both verify', async () => {
    const org = await setup();
    const r = await receiver();
    const wh = await createWebhook(org, r.url);
    const ev = await fire(org.orgId);
    await r.waitFor(1);
    const req = r.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toMatch(/^CargoLint-Webhooks\//);
    expect(req.headers['x-cargolint-event']).toBe('document.uploaded');
    expect(req.headers['x-cargolint-delivery']).toMatch(/^dlv_/);
    expect(req.headers['webhook-id']).toBe(ev.id);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ id: ev.id, type: 'document.uploaded', data: { document: { id: 'doc_1' } } });
    const expected = createHmac('sha256', Buffer.from(wh.secret, 'utf8')).update(req.body).digest('hex');
    expect(req.headers['x-cargolint-signature']).toBe(`sha256=${expected}`);
    expect(() => new Webhook(wh.secret).verify(req.body, req.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(req.body, req.headers as Record<string, string>)).toThrow();

    const delivery = await waitUntil(async () => (await deliveriesOf(wh.id)).find((d) => d.status === 'succeeded'));
    expect(delivery).toMatchObject({ attempt_count: 1, last_status_code: 200, last_error: null });
    const detail = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries/${delivery.id}` })).json();
    expect(detail).toMatchObject({ status: 'succeeded', retry_count: 0, attempts: [{ number: 1, status_code: 200, error: null, response_body: 'ok' }] });
    expect(detail.attempts[0].duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('starts the first attempt within milliseconds of the commit (wake-up, not polling)', async () => {
    const org = await setup({}, { pollMs: 60_000 });
    const r = await receiver();
    await createWebhook(org, r.url);
    await new Promise((res) => setTimeout(res, 50));
    const started = Date.now();
    await fire(org.orgId);
    await r.waitFor(1, 2000);
    expect(r.requests[0].receivedAt - started).toBeLessThan(1000);
  });

  it('retries failures on the schedule and records every attempt, then succeeds', async () => {
    const org = await setup();
    const r = await receiver((_req, i) => (i < 2 ? { status: 500, body: `boom ${i}` } : { status: 204 }));
    const wh = await createWebhook(org, r.url);
    const ev = await fire(org.orgId);
    await r.waitFor(3);
    expect(new Set(r.requests.map((q) => q.headers['webhook-id']))).toEqual(new Set([ev.id]));
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    const d = await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'succeeded'));
    const detail = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries/${d.id}` })).json();
    expect(detail.retry_count).toBe(2);
    expect(detail.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 204]);
    expect(detail.attempts.map((a: { error: string | null }) => a.error)).toEqual(['http_status', 'http_status', null]);
    expect(detail.attempts[0].response_body).toBe('boom 0');
    const webhook = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}` })).json();
    expect(webhook.consecutive_failures).toBe(0);
    expect(webhook.last_success_at).not.toBeNull();
  });

  it('gives up after the last scheduled attempt and keeps the delivery as failed', async () => {
    const org = await setup({ CARGOLINT_RETRY_SCHEDULE: '0.05,0.05' });
    const r = await receiver(() => ({ status: 502 }));
    const wh = await createWebhook(org, r.url);
    await fire(org.orgId);
    const d = await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'failed'));
    expect(d.attempt_count).toBe(3);
    expect(r.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429, bounded by the longest step', async () => {
    const org = await setup({ CARGOLINT_RETRY_SCHEDULE: '0.05,1.5' });
    const r = await receiver((_req, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await createWebhook(org, r.url);
    await fire(org.orgId);
    await r.waitFor(2, 5000);
    const gap = r.requests[1].receivedAt - r.requests[0].receivedAt;
    expect(gap).toBeGreaterThanOrEqual(900);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const org = await setup({ CARGOLINT_RETRY_SCHEDULE: '0.05' });
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }));
    const wh = await createWebhook(org, r.url);
    await fire(org.orgId);
    const d = await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'failed'));
    expect(d.last_status_code).toBe(302);
    expect(target.requests).toHaveLength(0);
  });

  it('disables a webhook at once on 410 Gone and sends it nothing more', async () => {
    const org = await setup();
    const r = await receiver(() => ({ status: 410 }));
    const wh = await createWebhook(org, r.url);
    await fire(org.orgId);
    const webhook = await waitUntil(async () => {
      const w = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}` })).json();
      return w.status === 'failed' ? w : null;
    });
    expect(webhook.active).toBe(false);
    expect(webhook.disabled_reason).toMatch(/410/);
    await fire(org.orgId);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.requests).toHaveLength(1);
    const ds = await deliveriesOf(wh.id);
    expect(ds.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(ds.map((d) => d.last_error)).toContain('webhook_disabled');
  });

  it('classifies a timeout and a refused connection', async () => {
    const org = await setup({ CARGOLINT_RETRY_SCHEDULE: '60', CARGOLINT_DELIVERY_TIMEOUT_MS: '300' });
    const hang = await receiver(() => ({ status: 200, hang: true }));
    const closed = await receiver();
    const closedUrl = closed.url;
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    const a = await createWebhook(org, hang.url);
    const b = await createWebhook(org, closedUrl);
    await fire(org.orgId);
    const da = await waitUntil(async () => (await deliveriesOf(a.id)).find((x) => x.attempt_count === 1));
    const db = await waitUntil(async () => (await deliveriesOf(b.id)).find((x) => x.attempt_count === 1));
    expect(da).toMatchObject({ status: 'pending', last_error: 'timeout', last_status_code: null });
    expect(db).toMatchObject({ status: 'pending', last_error: 'connection_refused' });
    const detail = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${b.id}/deliveries/${db.id}` })).json();
    expect(detail.attempts[0]).toMatchObject({ status_code: null, error: 'connection_refused', response_body: '' });
    expect(detail.attempts[0].error_detail).toMatch(/refused|ECONNREFUSED/i);
  });

  it('marks a webhook failed after the configured streak, keeps its deliveries for recover, and re-enabling resets the streak', async () => {
    const org = await setup({ CARGOLINT_DISABLE_AFTER_FAILURES: '3', CARGOLINT_DISABLE_AFTER_SECONDS: '0', CARGOLINT_RETRY_SCHEDULE: '0.05,0.05,0.05,0.05,0.05' });
    const r = await receiver(() => ({ status: 500 }));
    const wh = await createWebhook(org, r.url);
    const since = new Date(Date.now() - 1000).toISOString();
    await fire(org.orgId);
    const failed = await waitUntil(async () => {
      const w = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}` })).json();
      return w.status === 'failed' ? w : null;
    });
    expect(failed).toMatchObject({ active: false, consecutive_failures: 3 });
    expect(failed.disabled_reason).toMatch(/3 consecutive/);
    expect(r.requests).toHaveLength(3);
    await fire(org.orgId);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(3);

    const dry = (await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/recover`, payload: { since, dry_run: true } })).json();
    expect(dry.count).toBe(2);
    r.setResponder(() => ({ status: 200 }));
    const on = (await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { active: true } })).json();
    expect(on).toMatchObject({ status: 'active', consecutive_failures: 0, disabled_reason: null });
    const rec = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/recover`, payload: { since } });
    expect(rec.statusCode).toBe(202);
    expect(rec.json().count).toBe(2);
    await r.waitFor(5);
    await waitUntil(async () => (await deliveriesOf(wh.id)).every((d) => d.status === 'succeeded'));
  });

  it('does not disable before the streak spans the configured time', async () => {
    const org = await setup({ CARGOLINT_DISABLE_AFTER_FAILURES: '2', CARGOLINT_DISABLE_AFTER_SECONDS: '3600', CARGOLINT_RETRY_SCHEDULE: '0.05,0.05,0.05' });
    const r = await receiver(() => ({ status: 500 }));
    const wh = await createWebhook(org, r.url);
    await fire(org.orgId);
    await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'failed'));
    const w = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}` })).json();
    expect(w).toMatchObject({ status: 'active', consecutive_failures: 4 });
  });

  it('redelivers the same event with the same id and body', async () => {
    const org = await setup();
    const r = await receiver();
    const wh = await createWebhook(org, r.url);
    await fire(org.orgId);
    await r.waitFor(1);
    const d = await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'succeeded'));
    const res = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/deliveries/${d.id}/redeliver` });
    expect(res.statusCode).toBe(202);
    await r.waitFor(2);
    expect(r.requests[1].body).toBe(r.requests[0].body);
    expect(r.requests[1].headers['webhook-id']).toBe(r.requests[0].headers['webhook-id']);
    const detail = await waitUntil(async () => {
      const x = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries/${d.id}` })).json();
      return x.attempts.length === 2 && x.status === 'succeeded' ? x : null;
    });
    expect(detail.retry_count).toBe(1);
  });

  it('signs with both secrets during a rotation grace period, newest first', async () => {
    const org = await setup();
    const r = await receiver();
    const wh = await createWebhook(org, r.url);
    const rotated = (await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/rotate-secret`, payload: { grace_period_seconds: 600 } })).json();
    await fire(org.orgId);
    await r.waitFor(1);
    const req = r.requests[0];
    const headers = req.headers as Record<string, string>;
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(req.body, headers)).not.toThrow();
    expect(() => new Webhook(wh.secret).verify(req.body, headers)).not.toThrow();
    expect(headers['x-cargolint-signature']).toBe(`sha256=${createHmac('sha256', rotated.secret).update(req.body).digest('hex')}`);

    await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/rotate-secret`, payload: { grace_period_seconds: 0 } });
    await fire(org.orgId);
    await r.waitFor(2);
    expect((r.requests[1].headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
  });

  it('sends Send Test Payload to a disabled webhook alone, whatever its events', async () => {
    const org = await setup();
    const r = await receiver();
    const other = await receiver();
    const wh = await createWebhook(org, r.url, ['document.batch_downloaded']);
    await createWebhook(org, other.url, ['document.uploaded']);
    await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { active: false } });
    const res = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test` });
    expect(res.statusCode).toBe(202);
    await r.waitFor(1);
    const body = JSON.parse(r.requests[0].body);
    expect(body).toMatchObject({ type: 'webhook.test', data: { webhook_id: wh.id } });
    expect(other.requests).toHaveLength(0);
  });

  it('keeps a dead endpoint from delaying the others', async () => {
    const org = await setup({ CARGOLINT_DELIVERY_TIMEOUT_MS: '3000', CARGOLINT_RETRY_SCHEDULE: '60' }, { endpointConcurrency: 2 });
    const dead = await receiver(() => ({ status: 200, hang: true }));
    const good = await receiver();
    await createWebhook(org, dead.url);
    await createWebhook(org, good.url);
    const started = Date.now();
    for (let i = 0; i < 20; i++) await fire(org.orgId);
    await good.waitFor(20, 2500);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(dead.requests.length).toBeLessThanOrEqual(2);
  });

  it("keeps one organization's slow endpoints from taking every slot from another organization", async () => {
    const orgA = await setup({ CARGOLINT_DELIVERY_TIMEOUT_MS: '3000', CARGOLINT_RETRY_SCHEDULE: '60' }, { concurrency: 4, endpointConcurrency: 1 });
    const orgB = await t.org('business');
    const slow = await receiver(() => ({ status: 200, hang: true }));
    const good = await receiver();
    for (let i = 0; i < 5; i++) await createWebhook(orgA, `${slow.url}?n=${i}`);
    await createWebhook(orgB, good.url);
    await fire(orgA.orgId);
    await slow.waitFor(2, 2000);
    const started = Date.now();
    await fire(orgB.orgId);
    await good.waitFor(1, 2500);
    expect(Date.now() - started).toBeLessThan(1500);
    // Alone, organization A borrowed idle slots beyond its half (2 of 4), but never the reserved last quarter.
    expect(slow.requests.length).toBeLessThanOrEqual(3);
  });

  it('lets an organization alone borrow idle slots beyond its fair share, never the reserve', async () => {
    const org = await setup({ CARGOLINT_DELIVERY_TIMEOUT_MS: '3000', CARGOLINT_RETRY_SCHEDULE: '60' }, { concurrency: 8, endpointConcurrency: 1 });
    const slow = await receiver(() => ({ status: 200, hang: true }));
    for (let i = 0; i < 8; i++) await createWebhook(org, `${slow.url}?n=${i}`);
    await fire(org.orgId);
    // Fair share 4 of 8, reserve 2: six attempts in flight, the last two wait.
    await slow.waitFor(6, 2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(slow.requests.length).toBe(6);
  });

  it('refuses at connection time a name that resolves to a forbidden address (DNS rebinding)', async () => {
    let calls = 0;
    const org = await setup({ CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'false', CARGOLINT_RETRY_SCHEDULE: '0.05' }, {
      resolve: async () => { calls++; return [{ address: '127.0.0.1', family: 4 }]; },
    });
    const wh = await createWebhook(org, 'https://hooks.customer-example.com/cargolint');
    await fire(org.orgId);
    const d = await waitUntil(async () => (await deliveriesOf(wh.id)).find((x) => x.status === 'failed'));
    expect(d.last_error).toBe('blocked_address');
    expect(calls).toBeGreaterThan(0);
  });
});
