import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { emit } from '../../src/events/emit.js';

describe.each(DIALECTS)('webhooks management API on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(dialect, { CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'false' }); });
  afterEach(async () => { await t.close(); });

  const valid = { url: 'https://erp.example.com/hooks/cargolint', events: ['document.uploaded', 'compliance.warning'], description: 'ERP' };

  it('creates a webhook, returns its secret once, and stores the secret encrypted', async () => {
    const org = await t.org('business');
    const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ url: valid.url, events: valid.events, active: true, status: 'active', description: 'ERP', consecutive_failures: 0, disabled_reason: null });
    expect(body.id).toMatch(/^wh_/);
    expect(body.secret).toMatch(/^whsec_/);
    expect(Buffer.from(body.secret.slice(6), 'base64')).toHaveLength(32);
    const row = await t.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.secret_encrypted).not.toContain(body.secret.slice(6));
    expect(t.ctx.secretBox.open(row.secret_encrypted)).toBe(body.secret);

    const got = await org.request({ method: 'GET', url: `/api/v1/webhooks/${body.id}` });
    expect(got.json().secret).toBeUndefined();
    const list = await org.request({ method: 'GET', url: '/api/v1/webhooks' });
    expect(list.json().data.map((w: { id: string }) => w.id)).toEqual([body.id]);
    expect(list.json().data[0].secret).toBeUndefined();
  });

  it.each([
    ['http://erp.example.com/hook', 'url'],
    ['https://user:pass@erp.example.com/hook', 'url'],
    ['https://127.0.0.1/hook', 'url'],
    ['https://2130706433/hook', 'url'],
    ['https://0x7f000001/hook', 'url'],
    ['https://0177.0.0.1/hook', 'url'],
    ['https://10.1.2.3/hook', 'url'],
    ['https://169.254.169.254/latest/meta-data', 'url'],
    ['https://100.64.0.1/hook', 'url'],
    ['https://[::1]/hook', 'url'],
    ['https://[::ffff:127.0.0.1]/hook', 'url'],
    ['https://localhost/hook', 'url'],
    ['https://api.localhost/hook', 'url'],
    ['not a url', 'url'],
    [`https://example.com/${'a'.repeat(2050)}`, 'url'],
  ])('refuses a forbidden or malformed URL with 422 naming the field (%#)', async (url, path) => {
    const org = await t.org('business');
    const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { ...valid, url } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.ctx.db.selectFrom('webhooks').select('id').execute()).toHaveLength(0);
  });

  it('lists the valid event types when an event is unknown, and refuses an empty list', async () => {
    const org = await t.org('business');
    const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { ...valid, events: ['document.uploaded', 'invoice.paid'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'events[1]' });
    expect(res.json().errors[0].message).toContain('document.batch_downloaded');
    const empty = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { ...valid, events: [] } });
    expect(empty.json().errors[0].path).toBe('events');
    const missing = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { events: valid.events } });
    expect(missing.json().errors[0].path).toBe('url');
  });

  it('keeps webhooks for Business and Enterprise: 403 plan_upgrade_required below', async () => {
    for (const plan of ['free', 'starter'] as const) {
      const org = await t.org(plan);
      const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('plan_upgrade_required');
      expect((await org.request({ method: 'GET', url: '/api/v1/webhooks' })).json().code).toBe('plan_upgrade_required');
    }
    const enterprise = await t.org('enterprise');
    expect((await enterprise.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid })).statusCode).toBe(201);
  });

  it("answers 404 for another organization's webhook and never shows its data", async () => {
    const a = await t.org('business');
    const b = await t.org('business');
    const created = (await a.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid })).json();
    for (const [method, url] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/test'], ['POST', '/rotate-secret'], ['GET', '/deliveries']] as const) {
      const res = await b.request({ method, url: `/api/v1/webhooks/${created.id}${url}`, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain(created.url);
    }
    expect((await b.request({ method: 'GET', url: '/api/v1/webhooks' })).json().data).toHaveLength(0);
  });

  it('updates, disables, re-enables and deletes; deleting cancels pending deliveries', async () => {
    const org = await t.org('business');
    const wh = (await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid })).json();
    const patched = await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { events: ['document.batch_downloaded'], description: null } });
    expect(patched.json()).toMatchObject({ events: ['document.batch_downloaded'], description: null });
    const off = await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { active: false } });
    expect(off.json()).toMatchObject({ active: false, status: 'disabled' });
    const bad = await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { url: 'ftp://x' } });
    expect(bad.statusCode).toBe(422);

    // A disabled webhook still gets its deliveries recorded, as failed, so nothing is lost.
    await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.batch_downloaded', data: { batch: {} } }));
    const kept = await t.ctx.db.selectFrom('deliveries').selectAll().where('webhook_id', '=', wh.id).execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ status: 'failed', last_error: 'webhook_disabled' });

    const on = await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload: { active: true } });
    expect(on.json()).toMatchObject({ active: true, status: 'active' });
    await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.batch_downloaded', data: { batch: {} } }));
    expect((await org.request({ method: 'DELETE', url: `/api/v1/webhooks/${wh.id}` })).statusCode).toBe(204);
    expect((await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}` })).statusCode).toBe(404);
    const after = await t.ctx.db.selectFrom('deliveries').select(['status', 'last_error']).where('webhook_id', '=', wh.id).execute();
    expect(after.filter((d) => d.status === 'pending')).toHaveLength(0);
    expect(after.map((d) => d.last_error)).toContain('webhook_deleted');
  });

  it('rotates the secret with a grace period and validates the period', async () => {
    const org = await t.org('business');
    const wh = (await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: valid })).json();
    const res = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/rotate-secret`, payload: { grace_period_seconds: 3600 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().secret).toMatch(/^whsec_/);
    expect(res.json().secret).not.toBe(wh.secret);
    const expires = Date.parse(res.json().previous_secret_expires_at);
    expect(expires - Date.now()).toBeGreaterThan(3590_000);
    const row = await t.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', wh.id).executeTakeFirstOrThrow();
    expect(t.ctx.secretBox.open(row.previous_secret_encrypted!)).toBe(wh.secret);
    const tooLong = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/rotate-secret`, payload: { grace_period_seconds: 604801 } });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0].path).toBe('grace_period_seconds');
  });

  it('queues a test delivery, lists deliveries with filters, and counts recoverable ones in a dry run', async () => {
    const org = await t.org('business');
    const wh = (await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { ...valid, active: false } })).json();
    const test = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, payload: {} });
    expect(test.statusCode).toBe(202);
    expect(test.json().delivery_id).toMatch(/^dlv_/);
    const sample = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, payload: { event_type: 'compliance.warning' } });
    expect(sample.statusCode).toBe(202);
    const unknown = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, payload: { event_type: 'nope' } });
    expect(unknown.statusCode).toBe(422);

    const all = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries` })).json();
    expect(all.data).toHaveLength(2);
    expect(all.data[0]).toMatchObject({ event_type: 'compliance.warning', status: 'pending', attempt_count: 0, retry_count: 0 });
    const filtered = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries?event_type=webhook.test` })).json();
    expect(filtered.data.map((d: { id: string }) => d.id)).toEqual([test.json().delivery_id]);
    const detail = (await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries/${test.json().delivery_id}` })).json();
    expect(detail.attempts).toEqual([]);
    // Test events are not business events: reconciliation does not list them.
    expect((await org.request({ method: 'GET', url: '/api/v1/events' })).json().data).toHaveLength(0);

    await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.uploaded', data: { document: { id: 'doc_x' } } }));
    const dry = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/recover`, payload: { since: new Date(Date.now() - 60_000).toISOString(), dry_run: true } });
    expect(dry.statusCode).toBe(202);
    expect(dry.json()).toMatchObject({ count: 1, dry_run: true });
    const refused = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/recover`, payload: { since: new Date(Date.now() - 60_000).toISOString() } });
    expect(refused.statusCode).toBe(409);
    const badSince = await org.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/recover`, payload: { since: 'yesterday' } });
    expect(badSince.statusCode).toBe(422);
    expect(badSince.json().errors[0].path).toBe('since');
  });

  it('publishes the event catalogue and lets an organization read its own events', async () => {
    const org = await t.org('starter');
    const types = (await org.request({ method: 'GET', url: '/api/v1/event-types' })).json().data;
    expect(types.map((e: { type: string }) => e.type)).toEqual(['document.uploaded', 'compliance.warning', 'document.batch_downloaded', 'webhook.test']);
    expect(types[0].schema).toHaveProperty('properties.document');
    const ev = await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.uploaded', data: { document: { id: 'doc_1' } } }));
    const list = (await org.request({ method: 'GET', url: '/api/v1/events?type=document.uploaded' })).json();
    expect(list.data[0]).toMatchObject({ id: ev.id, type: 'document.uploaded', data: { document: { id: 'doc_1' } } });
    expect((await org.request({ method: 'GET', url: `/api/v1/events/${ev.id}` })).json().id).toBe(ev.id);
    const other = await t.org('business');
    expect((await other.request({ method: 'GET', url: `/api/v1/events/${ev.id}` })).statusCode).toBe(404);
  });
});
