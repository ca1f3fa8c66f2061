import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../src/documents/parsers/json/json-parser.js';
import { validateAgainstSchema, type JsonSchema } from '../../src/documents/parsers/json/json-schema.js';
import { FIXTURE_FILES, fixture, type FixtureName, type Json } from './support/fixtures.js';

const parse = (json: unknown, declared?: Parameters<typeof parseJsonDocument>[1]) => parseJsonDocument(Buffer.from(JSON.stringify(json)), declared);

describe('CargoLint JSON documents', () => {
  it.each(Object.keys(FIXTURE_FILES) as FixtureName[])('the %s example satisfies its schema', (name) => {
    const outcome = parse(fixture(name));
    expect(outcome.findings).toEqual([]);
    expect(outcome.document?.documentType).toBe(name);
  });

  it('reports structural errors as findings with JSON pointers', () => {
    const doc: Json = fixture('commercial_invoice');
    delete doc.currency;
    doc.lines[1].quantity = 'twelve';
    doc.lines[2].packages = -1;
    doc.seller = 'ACME';
    const findings = parse(doc).findings;
    expect(findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule_id: 'document.schema', severity: 'error', path: '/currency', message: expect.stringContaining('missing required property "currency"') }),
      expect.objectContaining({ path: '/lines/1/quantity', message: expect.stringContaining('invalid format') }),
      expect.objectContaining({ path: '/lines/2/packages', message: expect.stringContaining('at least 0') }),
      expect.objectContaining({ path: '/seller', message: expect.stringContaining('must be object') }),
    ]));
  });

  it('warns about unknown properties instead of failing on them', () => {
    const doc: Json = fixture('packing_list');
    doc.lines[0]['colour/shade'] = 'blue';
    const findings = parse(doc).findings;
    expect(findings).toEqual([expect.objectContaining({ rule_id: 'document.schema', severity: 'warning', path: '/lines/0/colour~1shade' })]);
  });

  it('keeps amounts as exact decimal strings, also when sent as JSON numbers', () => {
    const doc: Json = fixture('commercial_invoice');
    doc.lines[0].unit_price = 3.8;
    doc.lines[0].quantity = 500;
    const outcome = parse(doc);
    expect(outcome.findings).toEqual([]);
    expect(outcome.document?.lines[0].unitPrice).toEqual({ value: '3.8', path: '/lines/0/unit_price' });
    expect(outcome.document?.totals.amount).toEqual({ value: '4752.40', path: '/total_amount' });
  });

  it('uses the declared type when the document has none, and flags a contradiction', () => {
    const doc: Json = fixture('packing_list');
    delete doc.document_type;
    const declared = parse(doc, 'packing_list');
    expect(declared.detectedType).toBe('packing_list');
    expect(declared.findings).toContainEqual(expect.objectContaining({ path: '/document_type' }));
    const contradicted = parse(fixture('packing_list'), 'commercial_invoice');
    expect(contradicted.detectedType).toBe('packing_list');
    expect(contradicted.findings).toContainEqual(expect.objectContaining({ rule_id: 'document.type-mismatch', severity: 'warning' }));
  });

  it('explains why unreadable or unrecognised JSON cannot be checked', () => {
    expect(parseJsonDocument(Buffer.from('{"document_type": "packing_list",')).findings[0])
      .toMatchObject({ rule_id: 'document.unreadable', severity: 'error', message: expect.stringContaining('not valid JSON') });
    expect(parse({ hello: 'world' }).findings[0]).toMatchObject({ rule_id: 'document.unrecognized-format' });
    expect(parse([fixture('packing_list')]).findings[0]).toMatchObject({ rule_id: 'document.unrecognized-format' });
    expect(parse({ document_type: 'proforma' }).findings[0].message).toContain('"proforma"');
  });
});

describe('the JSON Schema subset validator', () => {
  const schema: JsonSchema = {
    type: 'object', required: ['a'], additionalProperties: false,
    properties: { a: { $ref: '#/$defs/code' }, b: { type: 'array', minItems: 1, items: { enum: ['x', 'y'] } } },
    $defs: { code: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[A-Z]+$' } },
  };
  it('resolves $ref and checks strings, arrays and enums', () => {
    expect(validateAgainstSchema({ a: 'AB', b: ['x'] }, schema)).toEqual([]);
    expect(validateAgainstSchema({ a: 'abcd', b: ['z'] }, schema).map((v) => v.path)).toEqual(['/a', '/a', '/b/0']);
    expect(validateAgainstSchema({ b: [] }, schema).map((v) => v.path)).toEqual(['/a', '/b']);
  });
  it('treats integers as numbers but not the other way round', () => {
    expect(validateAgainstSchema(3, { type: 'number' })).toEqual([]);
    expect(validateAgainstSchema(3.5, { type: 'integer' })).toHaveLength(1);
  });
});
