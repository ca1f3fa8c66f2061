import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/compliance/check.js';
import { FIXTURE_FILES, CONTEXT, fixture, type FixtureName, type Json } from './support/fixtures.js';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const check = (bytes: Buffer, declaredType?: Parameters<typeof checkDocument>[0]['declaredType']) =>
  checkDocument({ bytes, filename: 'upload.bin', declaredType }, CONTEXT);

describe('checkDocument', () => {
  it.each(Object.keys(FIXTURE_FILES) as FixtureName[])('processes the %s example without findings', async (name) => {
    const result = await check(Buffer.from(JSON.stringify(fixture(name))));
    expect(result).toEqual({
      contentType: 'application/json', documentType: name, status: 'processed', findings: [], summary: { errors: 0, warnings: 0, infos: 0 },
    });
  });

  it('decides by content, not by file name', async () => {
    const result = await checkDocument({ bytes: Buffer.from(JSON.stringify(fixture('air_waybill'))), filename: 'scan.pdf' }, CONTEXT);
    expect(result.contentType).toBe('application/json');
  });

  it('fails empty, unsupported and broken files with a finding that says why', async () => {
    const empty = await check(Buffer.alloc(0));
    expect(empty).toMatchObject({ status: 'failed', contentType: null, summary: { errors: 1 } });
    expect(empty.findings[0]).toMatchObject({ rule_id: 'document.unreadable' });
    const text = await check(Buffer.from('just some text'));
    expect(text).toMatchObject({ status: 'failed', contentType: null });
    expect(text.findings[0]).toMatchObject({ rule_id: 'document.unsupported-type' });
    const broken = await check(Buffer.from('{"document_type": "bill_of_lading", "containers": ['));
    expect(broken).toMatchObject({ status: 'failed', contentType: 'application/json', documentType: 'unknown' });
    expect(broken.findings[0]).toMatchObject({ rule_id: 'document.unreadable', severity: 'error' });
  });

  it('stores images for review until OCR exists', async () => {
    const result = await check(PNG_1X1, 'packing_list');
    expect(result).toMatchObject({ contentType: 'image/png', documentType: 'packing_list', status: 'requires_review' });
    expect(result.findings).toEqual([expect.objectContaining({ rule_id: 'document.ocr-unavailable', severity: 'info', message: expect.stringContaining('OCR not yet available') })]);
  });

  it('orders findings errors first and counts them', async () => {
    const doc: Json = fixture('commercial_invoice');
    doc.lines[0].description = 'parts';
    doc.total_amount = '1.00';
    const result = await check(Buffer.from(JSON.stringify(doc)));
    expect(result.findings.map((finding) => finding.severity)).toEqual(['error', 'warning']);
    expect(result.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
  });

  it('never throws, whatever shape the JSON has', async () => {
    const oddValues = [null, 0, -1, 1e21, '', 'x', [], {}, [null], { value: 1 }, true];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const names = Object.keys(FIXTURE_FILES) as FixtureName[];
    for (let round = 0; round < 200; round += 1) {
      const doc = fixture(names[round % names.length]);
      scramble(doc, () => oddValues[Math.floor(random() * oddValues.length)], random);
      const result = await check(Buffer.from(JSON.stringify(doc)));
      expect(['processed', 'failed', 'requires_review']).toContain(result.status);
      expect(result.findings.filter((finding) => finding.rule_id === 'engine.rule-failed' || finding.rule_id === 'document.internal-error')).toEqual([]);
    }
  });
});

/** Replaces about a third of the values of a JSON tree (at any depth) by odd ones. */
function scramble(node: Json, odd: () => unknown, random: () => number): void {
  for (const key of Object.keys(node)) {
    if (key === 'document_type' && random() < 0.9) continue;
    if (random() < 0.3) node[key] = odd();
    else if (node[key] && typeof node[key] === 'object') scramble(node[key], odd, random);
  }
}
