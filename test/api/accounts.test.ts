import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.js';
import { testApp, type TestApp } from '../helpers/app.js';

function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return Object.fromEntries(list.map((c) => c.split(';')[0].split('=') as [string, string]));
}

describe.each(DIALECTS)('accounts and HTTP conventions on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(dialect, { CARGOLINT_RATE_LIMIT_PER_MINUTE: '50' }); });
  afterEach(async () => { await t.close(); });

  it('answers an unknown key with 401 problem+json and WWW-Authenticate: Bearer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organization', headers: { authorization: 'Bearer cl_nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks' });
    expect(none.statusCode).toBe(401);
  });

  it('lets a new key work at once and records when it was last used', async () => {
    const org = await t.org('business');
    const res = await org.request({ method: 'GET', url: '/api/v1/organization' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.orgId, plan: 'business' });
    const row = await t.ctx.db.selectFrom('api_keys').selectAll().where('organization_id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(row.key_hash).not.toContain(org.key.slice(3));
  });

  it('signs up, keeps a session cookie, demands the CSRF token on writes, and logs out', async () => {
    const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { name: 'Dana Broker', email: 'Dana@Example.com', password: 'correct horse battery' } });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().organization).toMatchObject({ name: 'Dana Broker', plan: 'business' });
    const cookies = cookiesOf(signup);
    expect(String(signup.headers['set-cookie'])).toMatch(/cl_session=[^;]+;.*HttpOnly/i);
    const cookie = `cl_session=${cookies.cl_session}; cl_csrf=${cookies.cl_csrf}`;

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user.email).toBe('dana@example.com');

    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie }, payload: { name: 'x' } });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie, 'x-csrf-token': cookies.cl_csrf }, payload: { name: 'ERP' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().key).toMatch(/^cl_/);

    const users = await t.ctx.db.selectFrom('users').select('password_hash').execute();
    expect(users[0].password_hash).toMatch(/^scrypt\$/);

    const badLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'dana@example.com', password: 'wrong password!' } });
    expect(badLogin.statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'dana@example.com', password: 'correct horse battery' } });
    expect(login.statusCode).toBe(200);

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': cookies.cl_csrf } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a duplicate email with 409 naming the field', async () => {
    const body = { name: 'A', email: 'a@example.com', password: 'long enough pw' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body })).statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('email');
  });

  it('answers malformed JSON with 400 malformed_request and field rules with 422 naming the field', async () => {
    const org = await t.org();
    const bad = await org.request({ method: 'POST', url: '/api/v1/api-keys', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('malformed_request');
    const invalid = await org.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: '' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'name' }] });
    const missing = await org.request({ method: 'POST', url: '/api/v1/api-keys', payload: {} });
    expect(missing.json().errors[0].path).toBe('name');
  });

  it('creates, lists with cursor pagination, and revokes API keys', async () => {
    const org = await t.org();
    for (let i = 0; i < 4; i++) await org.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: `k${i}` } });
    const first = await org.request({ method: 'GET', url: '/api/v1/api-keys?limit=2' });
    expect(first.json().data).toHaveLength(2);
    expect(first.json().has_more).toBe(true);
    expect(first.json().data[0].name).toBe('k3');
    const second = await org.request({ method: 'GET', url: `/api/v1/api-keys?limit=2&cursor=${first.json().next_cursor}` });
    expect(second.json().data.map((k: { name: string }) => k.name)).toEqual(['k1', 'k0']);
    const third = await org.request({ method: 'GET', url: `/api/v1/api-keys?limit=2&cursor=${second.json().next_cursor}` });
    expect(third.json()).toMatchObject({ has_more: false, next_cursor: null });
    expect(JSON.stringify(first.json())).not.toContain('key_hash');

    const created = await org.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'temp' } });
    const { id, key } = created.json();
    expect((await org.request({ method: 'DELETE', url: `/api/v1/api-keys/${id}` })).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/organization', headers: { authorization: `Bearer ${key}` } });
    expect(revoked.statusCode).toBe(401);
    const other = await t.org('starter');
    expect((await other.request({ method: 'DELETE', url: `/api/v1/api-keys/${id}` })).statusCode).toBe(404);
  });

  it('replays an Idempotency-Key with the same body and refuses it with another body', async () => {
    const org = await t.org();
    const headers = { 'idempotency-key': 'abc-123' };
    const a = await org.request({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'one' } });
    const b = await org.request({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'one' } });
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await org.request({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'two' } });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('conflict');
    const keys = await t.ctx.db.selectFrom('api_keys').select('id').where('organization_id', '=', org.orgId).execute();
    expect(keys).toHaveLength(2);
  });

  it('rate-limits per key with 429 problem+json and Retry-After', async () => {
    const org = await t.org();
    let last;
    for (let i = 0; i < 51; i++) last = await org.request({ method: 'GET', url: '/api/v1/organization' });
    expect(last!.statusCode).toBe(429);
    expect(last!.json().code).toBe('rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const other = await t.org();
    expect((await other.request({ method: 'GET', url: '/api/v1/organization' })).statusCode).toBe(200);
  });

  it('serves health, metrics, the OpenAPI document and docs, with security headers', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-request-id']).toMatch(/^req_/);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('cargolint_http_request_duration_seconds');
    const spec = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(spec.json().openapi).toBe('3.1.0');
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/v1/webhooks', '/api/v1/documents', '/api/v1/webhooks/{id}/rotate-secret']));
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    const org = await t.org();
    const unknown = await org.request({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});
