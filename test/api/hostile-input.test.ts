import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

// Path segments and query values no client should send: over-long, percent-encoded emoji and a lone surrogate,
// SQL, numbers past every integer type (1e309 is Infinity once coerced), JSON-looking text.

const weird = ['x', 'a'.repeat(5000), '%F0%9F%92%A9', '%ED%A0%80', "'; DROP TABLE x; --", '-1', '99999999999999999999', '1e309', 'null', '[]', '%7B%7D'];
describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  it('never gets a 500: every malformed path, query and body is a 4xx problem', async () => {
    const t = await testApp(dialect);
    const org = await t.org('business');
    const wh = (await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/a', events: ['document.uploaded'] } })).json();
    const bad: string[] = [];
    const urls: string[] = [];
    for (const w of weird) {
      urls.push(`/api/v1/events/${w}`, `/api/v1/webhooks/${w}`, `/api/v1/webhooks/${wh.id}/deliveries/${w}`, `/api/v1/documents/${w}`, `/api/v1/documents/${w}/findings`,
        `/api/v1/documents/batch/${w}/download`, `/api/v1/webhooks/${wh.id}/deliveries?status=${w}`, `/api/v1/webhooks/${wh.id}/deliveries?limit=${w}`,
        `/api/v1/events?type=${w}`, `/api/v1/events?cursor=${w}`, `/api/v1/documents?limit=${w}&cursor=${w}`, `/api/v1/webhooks/${wh.id}/stats?window=${w}`,
        `/api/v1/webhooks/${wh.id}/deliveries?event_type=${w}&since=${w}`,
        `/api/v1/webhooks?limit=${w}`, `/api/v1/events?limit=${w}`, `/api/v1/documents?limit=${w}`, `/api/v1/api-keys?limit=${w}`);
    }
    for (const url of urls) {
      const res = await org.request({ method: 'GET', url });
      if (res.statusCode >= 500) bad.push(`${res.statusCode} GET ${url.slice(0, 120)} ${res.body.slice(0, 200)}`);
    }
    const bodies: Array<Record<string, unknown>> = [{ url: 'https://x.example.com/' + 'a'.repeat(5000), events: ['document.uploaded'] }, { url: 'https://hooks.example.com/b', events: ['document.uploaded'], description: 'd'.repeat(100000) },
      { url: 'https://hooks.example.com/c', events: Array(1000).fill('document.uploaded') }, { url: 'https://hooks.example.com/d', events: ['\ud800'] }, { url: 'https://hooks.example.com/\ud800', events: ['*'] }];
    for (const payload of bodies) {
      const res = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload });
      if (res.statusCode >= 500) bad.push(`${res.statusCode} POST webhooks ${JSON.stringify(payload).slice(0, 80)} ${res.body.slice(0, 200)}`);
      const p = await org.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, payload });
      if (p.statusCode >= 500) bad.push(`${p.statusCode} PATCH ${JSON.stringify(payload).slice(0, 80)} ${p.body.slice(0, 200)}`);
    }
    for (const payload of [{ document_ids: ['a'.repeat(5000)] }, { document_ids: Array(500).fill('doc_x') }]) {
      const res = await org.request({ method: 'POST', url: '/api/v1/documents/batch-download', payload });
      if (res.statusCode >= 500) bad.push(`${res.statusCode} batch ${res.body.slice(0, 200)}`);
    }
    for (const payload of [{ name: 'k'.repeat(10000) }, { name: '\ud800' }]) {
      const res = await org.request({ method: 'POST', url: '/api/v1/api-keys', payload });
      if (res.statusCode >= 500) bad.push(`${res.statusCode} api-keys ${res.body.slice(0, 200)}`);
    }
    for (const payload of [{ email: 'a'.repeat(3000) + '@x.com', password: 'p'.repeat(100), organization_name: 'o' }, { email: 'a@b.c', password: 'p'.repeat(100000), organization_name: 'o'.repeat(100000) }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });
      if (res.statusCode >= 500) bad.push(`${res.statusCode} signup ${res.body.slice(0, 200)}`);
    }
    // Refused by the router before any hook: still a problem+json.
    for (const [url, status, code] of [[`/api/v1/api-keys/${'x'.repeat(300)}`, 404, 'not_found'], ['/api/v1/documents/%E0%A4%A', 400, 'malformed_request']] as const) {
      const res = await org.request({ method: url.includes('api-keys') ? 'DELETE' : 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    const infinite = await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries?limit=1e309` });
    expect(infinite.statusCode).toBe(422);
    expect(infinite.json().errors).toEqual([{ path: 'limit', message: 'must be an integer from 1 to 100' }]);
    await t.close();
    expect(bad).toEqual([]);
  }, 60_000);

  it('answers every broken upload with a problem a client can act on', async () => {
    const t = await testApp(dialect, { CARGOLINT_MAX_UPLOAD_BYTES: '5000' });
    const org = await t.org('business');
    const json = Buffer.from('{"document_type":"commercial_invoice"}');
    const upload = (body: { payload: Buffer; headers: Record<string, string> }) =>
      org.request({ method: 'POST', url: '/api/v1/documents', payload: body.payload, headers: body.headers });
    const expectProblem = async (body: Parameters<typeof upload>[0], status: number, code: string, detail: RegExp, path?: string) => {
      const res = await upload(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code, detail: expect.stringMatching(detail) });
      if (path) expect(res.json().errors[0].path).toBe(path);
    };
    await expectProblem(multipart([{ name: 'a.json', bytes: json }, { name: 'b.json', bytes: json }]), 422, 'validation_failed', /one file per upload/, 'file');
    await expectProblem(multipart([{ name: 'a.json', bytes: json }], Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x']))), 422, 'validation_failed', /too many parts/, 'body');
    await expectProblem(multipart([{ name: 'big.json', bytes: Buffer.alloc(10_000, 32) }]), 413, 'payload_too_large', /upload limit of 5000 bytes/);
    await expectProblem({ payload: Buffer.from('no parts at all'), headers: { 'content-type': 'multipart/form-data; boundary=----x' } }, 400, 'malformed_request', /multipart body could not be read/);
    await expectProblem({ payload: Buffer.from('x'), headers: { 'content-type': 'multipart/form-data' } }, 400, 'malformed_request', /multipart body could not be read/);
    expect((await org.request({ method: 'GET', url: '/api/v1/documents' })).json().data).toEqual([]);
    await t.close();
  });
});
