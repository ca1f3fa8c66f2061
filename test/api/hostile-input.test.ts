import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';

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
    const infinite = await org.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}/deliveries?limit=1e309` });
    expect(infinite.statusCode).toBe(422);
    expect(infinite.json().errors).toEqual([{ path: 'limit', message: 'must be an integer from 1 to 100' }]);
    await t.close();
    expect(bad).toEqual([]);
  }, 60_000);
});
