import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storableText } from '../../src/db/storable-text.js';
import { pathOfNulCharacter } from '../../src/http/nul-characters.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';

describe('pathOfNulCharacter', () => {
  it('names the first field holding U+0000, in values, arrays and keys', () => {
    expect(pathOfNulCharacter({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(pathOfNulCharacter({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(pathOfNulCharacter('\u0000')).toBe('body');
    expect(pathOfNulCharacter({ a: 'ok', n: 1, z: null, list: [true] })).toBeNull();
    expect(pathOfNulCharacter(undefined)).toBeNull();
  });

  it('makes text storable by replacing U+0000 with U+FFFD', () => {
    expect(storableText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(storableText('plain')).toBe('plain');
  });
});

describe.each(DIALECTS)('requests holding U+0000 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('are refused with a problem naming the field, in the body, the query and the path, and nothing is stored', async () => {
    const org = await t.org('business');
    const body = await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/a', events: ['document.uploaded'], description: 'ERP\u0000' } });
    expect(body.statusCode).toBe(422);
    expect(body.headers['content-type']).toContain('application/problem+json');
    expect(body.json().errors).toEqual([{ path: 'description', message: 'must not contain the NUL character (U+0000)' }]);
    expect((await org.request({ method: 'GET', url: '/api/v1/webhooks' })).json().data).toEqual([]);

    const query = await org.request({ method: 'GET', url: '/api/v1/documents?batch_id=a%00b' });
    expect(query.statusCode).toBe(422);
    expect(query.json().errors[0].path).toBe('batch_id');

    const path = await org.request({ method: 'GET', url: '/api/v1/documents/doc%00x' });
    expect(path.statusCode).toBe(422);
    expect(path.json().errors[0].path).toBe('id');
  });
});
