import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { processDocument } from '../../src/documents/document.service.js';
import { startWorkers, type Workers } from '../../src/server.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, tempDir } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';
import { startReceiver, waitUntil } from '../helpers/receiver.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/compliance');
const cleanInvoice = () => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'commercial-invoice.json'), 'utf8'));

async function invoicePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = ['COMMERCIAL INVOICE', 'Invoice No: INV-7781', 'Invoice Date: 2024-05-02', 'Seller: Shenzhen Everbright Co Ltd, CN', 'Buyer: Nordhafen GmbH, Hamburg DE',
    'Incoterms: FOB Shenzhen', 'Currency: USD', 'Container: MSKU7750847', 'HS Code 6109.10 T-shirts 500 PCS 3.80 1900.00', 'Total: 1900.00'];
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 800 - i * 18, size: 11, font }));
  return Buffer.from(await pdf.save());
}

describe.each(DIALECTS)('documents on %s', (dialect) => {
  let t: TestApp;
  let workers: Workers | null = null;
  beforeEach(async () => {
    t = await testApp(dialect, { CARGOLINT_MAX_UPLOAD_BYTES: '200000' });
    workers = startWorkers(t.ctx);
  });
  afterEach(async () => {
    await workers?.stop();
    await t.close();
  });

  async function upload(org: Awaited<ReturnType<TestApp['org']>>, name: string, bytes: Buffer, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const body = multipart([{ name, bytes }], fields);
    return org.request({ method: 'POST', url: '/api/v1/documents', payload: body.payload, headers: { ...body.headers, ...headers } });
  }

  async function processed(org: Awaited<ReturnType<TestApp['org']>>, id: string) {
    return waitUntil(async () => {
      const doc = (await org.request({ method: 'GET', url: `/api/v1/documents/${id}` })).json();
      return doc.status !== 'processing' ? doc : null;
    }, 15_000);
  }

  it('stores an upload durably, emits document.uploaded in the same transaction, and processes it clean', async () => {
    const org = await t.org('business');
    const receiver = await startReceiver();
    try {
      await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, events: ['document.uploaded', 'compliance.warning'] } });
      const bytes = Buffer.from(JSON.stringify(cleanInvoice()));
      const res = await upload(org, 'invoice.json', bytes, { batch_id: 'shipment-1' });
      expect(res.statusCode).toBe(201);
      const doc = res.json();
      expect(doc).toMatchObject({ filename: 'invoice.json', content_type: 'application/json', size_bytes: bytes.length, batch_id: 'shipment-1', status: 'processing', summary: null });
      expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(await t.ctx.blobs.get(doc.sha256)).toEqual(bytes);
      const events = await t.ctx.db.selectFrom('events').selectAll().where('type', '=', 'document.uploaded').execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].body).data.document.id).toBe(doc.id);

      const done = await processed(org, doc.id);
      expect(done.status).toBe('processed');
      expect(done.document_type).toBe('commercial_invoice');
      expect(done.summary.errors).toBe(0);
      await receiver.waitFor(1);
      const content = await org.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/content` });
      expect(content.headers['content-type']).toContain('application/json');
      expect(content.rawPayload).toEqual(bytes);
    } finally {
      await receiver.close();
    }
  });

  it('finds problems, stores them with paths, and emits compliance.warning with the findings', async () => {
    const org = await t.org('business');
    const receiver = await startReceiver();
    try {
      await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, events: ['compliance.warning'] } });
      const invoice = cleanInvoice();
      invoice.lines[0].description = 'parts';
      invoice.lines[0].line_total = '1999.00';
      invoice.containers = [{ number: 'MSKU7750847' }];
      const res = await upload(org, 'bad.json', Buffer.from(JSON.stringify(invoice)));
      const done = await processed(org, res.json().id);
      expect(done.summary.errors).toBeGreaterThan(0);
      const ruleIds = done.findings.map((f: { rule_id: string }) => f.rule_id);
      expect(ruleIds.some((r: string) => r.includes('vague'))).toBe(true);
      expect(done.findings.every((f: { path: string; message: string }) => typeof f.path === 'string' && f.message.length > 0)).toBe(true);
      await receiver.waitFor(1);
      const event = JSON.parse(receiver.requests[0].body);
      expect(event.type).toBe('compliance.warning');
      expect(event.data.document).toMatchObject({ id: done.id, status: done.status, document_type: done.document_type, summary: done.summary, processed_at: done.processed_at });
      expect(event.data.summary).toEqual(done.summary);
      expect(event.data.findings).toHaveLength(done.findings.length);
      const rows = await t.ctx.db.selectFrom('findings').selectAll().where('document_id', '=', done.id).execute();
      expect(rows).toHaveLength(done.findings.length);
      const findings = (await org.request({ method: 'GET', url: `/api/v1/documents/${done.id}/findings` })).json();
      expect(findings.data).toHaveLength(done.findings.length);
    } finally {
      await receiver.close();
    }
  });

  it('records a document processed by two workers at once exactly once: one set of findings, one compliance.warning', async () => {
    await workers!.stop();
    workers = null;
    const org = await t.org('business');
    await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/cargolint', events: ['compliance.warning'] } });
    const invoice = cleanInvoice();
    invoice.lines[0].description = 'parts';
    const id = (await upload(org, 'race.json', Buffer.from(JSON.stringify(invoice)))).json().id;
    // Both read the document while it is still processing, as two workers would after a lease ran out.
    await Promise.all([processDocument(t.ctx, id), processDocument(t.ctx, id)]);
    const doc = (await org.request({ method: 'GET', url: `/api/v1/documents/${id}` })).json();
    expect(doc.status).not.toBe('processing');
    expect(doc.findings.length).toBeGreaterThan(0);
    const stored = await t.ctx.db.selectFrom('findings').select('position').where('document_id', '=', id).orderBy('position').execute();
    expect(stored.map((f) => f.position)).toEqual(doc.findings.map((_: unknown, i: number) => i));
    const warnings = await t.ctx.db.selectFrom('events').select('id').where('type', '=', 'compliance.warning').execute();
    expect(warnings).toHaveLength(1);
    const deliveries = await t.ctx.db.selectFrom('deliveries').select('event_id').where('event_type', '=', 'compliance.warning').execute();
    expect(deliveries).toEqual([{ event_id: warnings[0].id }]);
  });

  it('stores and checks a document whose name and values hold U+0000, which PostgreSQL text cannot', async () => {
    const org = await t.org('business');
    const invoice = cleanInvoice();
    invoice.lines[0].hs_code = '61\u000009';
    const res = await upload(org, 'in\u0000voice.json', Buffer.from(JSON.stringify(invoice)));
    expect(res.statusCode).toBe(201);
    expect(res.json().filename).toBe('in_voice.json');
    const done = await processed(org, res.json().id);
    const quoted = done.findings.find((f: { message: string }) => f.message.includes('61\uFFFD09'));
    expect(quoted, JSON.stringify(done.findings)).toBeDefined();
  });

  it('reads a PDF with a text layer, and fails a broken file with a finding instead of crashing', async () => {
    const org = await t.org('starter');
    const pdf = await upload(org, 'invoice.pdf', await invoicePdf());
    expect(pdf.json().content_type).toBe('application/pdf');
    const pdfDone = await processed(org, pdf.json().id);
    expect(['processed', 'requires_review']).toContain(pdfDone.status);
    expect(pdfDone.document_type).toBe('commercial_invoice');
    expect(pdfDone.findings.some((f: { path: string }) => /page 1/.test(f.path))).toBe(true);

    const broken = await upload(org, 'broken.pdf', Buffer.concat([(await invoicePdf()).subarray(0, 400)]));
    const brokenDone = await processed(org, broken.json().id);
    expect(brokenDone.status).toBe('failed');
    expect(brokenDone.findings.length).toBeGreaterThan(0);

    const badJson = await upload(org, 'truncated.json', Buffer.from('{"document_type": "commercial_invoice", "lines": ['));
    const badDone = await processed(org, badJson.json().id);
    expect(badDone.status).toBe('failed');
    expect(badDone.findings[0].message.length).toBeGreaterThan(0);
  });

  it('refuses bad uploads with problem+json naming the field, and stores nothing', async () => {
    const org = await t.org('free');
    const exe = await upload(org, 'invoice.json', Buffer.from('MZ\x90\x00 this is not a document'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('unsupported_media_type');
    expect(exe.json().detail).toContain('application/pdf');
    const big = await upload(org, 'big.json', Buffer.from(`{"x":"${'a'.repeat(210_000)}"}`));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const noFile = multipart([], { batch_id: 'b1' });
    const missing = await org.request({ method: 'POST', url: '/api/v1/documents', payload: noFile.payload, headers: noFile.headers });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].path).toBe('file');
    const badBatch = await upload(org, 'a.json', Buffer.from('{}'), { batch_id: 'no spaces allowed' });
    expect(badBatch.json().errors[0].path).toBe('batch_id');
    const badType = await upload(org, 'a.json', Buffer.from('{}'), { document_type: 'menu' });
    expect(badType.json().errors[0].path).toBe('document_type');
    const json = await org.request({ method: 'POST', url: '/api/v1/documents', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(await t.ctx.db.selectFrom('documents').select('id').execute()).toHaveLength(0);
  });

  it('lists with filters, scopes everything to the organization, replays idempotent uploads, and deletes', async () => {
    const org = await t.org('business');
    const other = await t.org('business');
    const a = (await upload(org, 'a.json', Buffer.from(JSON.stringify(cleanInvoice())), { batch_id: 'b1' }, { 'idempotency-key': 'up-1' })).json();
    const again = await upload(org, 'a.json', Buffer.from(JSON.stringify(cleanInvoice())), { batch_id: 'b1' }, { 'idempotency-key': 'up-1' });
    expect(again.json().id).toBe(a.id);
    const b = (await upload(org, 'b.json', Buffer.from(JSON.stringify(cleanInvoice())), { batch_id: 'b2', document_type: 'commercial_invoice' })).json();
    expect((await org.request({ method: 'GET', url: '/api/v1/documents?batch_id=b1' })).json().data.map((d: { id: string }) => d.id)).toEqual([a.id]);
    expect((await org.request({ method: 'GET', url: '/api/v1/documents' })).json().data).toHaveLength(2);
    await processed(org, b.id);
    expect((await org.request({ method: 'GET', url: '/api/v1/documents?status=processed&document_type=commercial_invoice' })).json().data.length).toBeGreaterThan(0);
    for (const url of [`/api/v1/documents/${a.id}`, `/api/v1/documents/${a.id}/content`, `/api/v1/documents/${a.id}/findings`]) {
      expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await other.request({ method: 'DELETE', url: `/api/v1/documents/${a.id}` })).statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: '/api/v1/documents' })).json().data).toHaveLength(0);
    expect((await org.request({ method: 'DELETE', url: `/api/v1/documents/${a.id}` })).statusCode).toBe(204);
    expect((await org.request({ method: 'GET', url: `/api/v1/documents/${a.id}` })).statusCode).toBe(404);
  });

  it('streams a ZIP with safe unique names and findings.json, 404s unknown ids before any byte, then emits document.batch_downloaded', async () => {
    const org = await t.org('business');
    const other = await t.org('business');
    const receiver = await startReceiver();
    try {
      await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, events: ['document.batch_downloaded'] } });
      const docs = [];
      for (const name of ['../../etc/passwd.json', 'invoice.json', 'invoice.json']) {
        docs.push((await upload(org, name, Buffer.from(JSON.stringify({ ...cleanInvoice(), document_number: name })), { batch_id: 'ship-9' })).json());
      }
      for (const d of docs) await processed(org, d.id);
      const foreign = (await upload(other, 'x.json', Buffer.from('{}'))).json();
      const refused = await org.request({ method: 'POST', url: '/api/v1/documents/batch-download', payload: { document_ids: [docs[0].id, foreign.id] } });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');

      const res = await org.request({ method: 'POST', url: '/api/v1/documents/batch-download', payload: { document_ids: docs.map((d) => d.id) } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const dir = tempDir('zip');
      const file = path.join(dir, 'batch.zip');
      fs.writeFileSync(file, res.rawPayload);
      const listing = JSON.parse(execFileSync('python3', ['-c', 'import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({"names": z.namelist(), "findings": json.loads(z.read("findings.json"))}))', file]).toString());
      expect(listing.names).toEqual(['passwd.json', 'invoice.json', 'invoice (2).json', 'findings.json']);
      expect(listing.findings.documents.map((d: { id: string }) => d.id)).toEqual(docs.map((d) => d.id));
      await receiver.waitFor(1);
      const event = JSON.parse(receiver.requests[0].body);
      expect(event.type).toBe('document.batch_downloaded');
      expect(event.data.batch).toMatchObject({ document_ids: docs.map((d) => d.id), document_count: 3, size_bytes: res.rawPayload.length });

      const byBatch = await org.request({ method: 'GET', url: '/api/v1/documents/batch/ship-9/download' });
      expect(byBatch.statusCode).toBe(200);
      expect(byBatch.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await other.request({ method: 'GET', url: '/api/v1/documents/batch/ship-9/download' })).statusCode).toBe(404);
      await receiver.waitFor(2);
      expect(JSON.parse(receiver.requests[1].body).data.batch.id).toBe('ship-9');
    } finally {
      await receiver.close();
    }
  });
});
