import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/compliance/engine.js';
import { emptyDocument } from '../../src/compliance/model.js';
import type { Rule } from '../../src/compliance/rule.js';
import { BUILT_IN_SANCTIONS } from '../../src/compliance/sanctions.js';
import { fixture, HAS_REFERENCE, lintJson, NOW } from './support/fixtures.js';

const tempDir = mkdtempSync(join(tmpdir(), 'cargolint-engine-'));

describe('reference data availability', () => {
  it('adds one info finding, and no guesses, when no reference folder is configured', async () => {
    const doc = fixture('commercial_invoice');
    doc.lines[0].hs_code = '999999';
    doc.transport.port_of_loading = 'DEQQQ';
    const result = await lintJson(doc, { now: NOW });
    const unavailable = result.findings.filter((finding) => finding.rule_id === 'reference.unavailable');
    expect(unavailable).toEqual([expect.objectContaining({ severity: 'info', path: '' })]);
    expect(unavailable[0].message).toContain('hs-code.exists');
    expect(result.findings.map((finding) => finding.rule_id)).not.toContain('unlocode.exists');
    expect(result.summary.errors).toBe(0);
    expect(result.status).toBe('processed');
  });

  it('reports a reference folder without the data files the same way', async () => {
    const result = await lintJson(fixture('bill_of_lading'), { now: NOW, referenceDir: tempDir });
    const unavailable = result.findings.filter((finding) => finding.rule_id === 'reference.unavailable');
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0].message).toContain('could not be loaded');
  });
});

describe('embargo list configuration', () => {
  it('uses a dated built-in list by default', async () => {
    expect(BUILT_IN_SANCTIONS.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const doc = fixture('commercial_invoice');
    doc.transport.destination_country = 'IR';
    const result = await lintJson(doc, { now: NOW });
    expect(result.findings).toContainEqual(expect.objectContaining({
      rule_id: 'sanctions.embargoed-destination', path: '/transport/destination_country', message: expect.stringContaining(`as of ${BUILT_IN_SANCTIONS.asOf}`),
    }));
  });

  it('replaces the list with the configured file', async () => {
    const file = join(tempDir, 'embargo.json');
    writeFileSync(file, JSON.stringify({ as_of: '2030-01-01', embargoed: [{ country: 'DE', reason: 'test embargo' }], restricted: ['CN'] }));
    const result = await lintJson(fixture('commercial_invoice'), { now: NOW, embargoListFile: file });
    expect(result.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule_id: 'sanctions.embargoed-destination', path: '/buyer/country', message: expect.stringContaining('test embargo') }),
      expect.objectContaining({ rule_id: 'sanctions.embargoed-destination', path: '/transport/destination_country' }),
    ]));
    expect(result.findings.map((finding) => finding.rule_id)).not.toContain('sanctions.restricted-destination');
  });

  it('falls back to the built-in list, with a warning, when the file is broken', async () => {
    const file = join(tempDir, 'broken.json');
    writeFileSync(file, JSON.stringify({ embargoed: ['Iran'] }));
    const doc = fixture('commercial_invoice');
    doc.buyer.country = 'KP';
    const result = await lintJson(doc, { now: NOW, embargoListFile: file });
    expect(result.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule_id: 'sanctions.list-unavailable', severity: 'warning' }),
      expect.objectContaining({ rule_id: 'sanctions.embargoed-destination', path: '/buyer/country' }),
    ]));
  });
});

describe('rule isolation', () => {
  it('reports a crashing rule and still runs the others', () => {
    const crashing: Rule = { id: 'test.crash', severity: 'error', description: '', rationale: '', check: () => { throw new Error('boom'); } };
    const working: Rule = { id: 'test.ok', severity: 'info', description: '', rationale: '', check: () => [{ rule_id: 'test.ok', severity: 'info', message: 'ran', path: '' }] };
    const findings = runRules(emptyDocument('unknown', 'cargolint-json'), { now: NOW }, [crashing, working]);
    expect(findings.map((finding) => finding.rule_id)).toEqual(['engine.rule-failed', 'test.ok']);
    expect(findings[0].message).toContain('boom');
  });

  it('runs a rule only on the document types it applies to', () => {
    const onlyInvoices: Rule = {
      id: 'test.invoice', severity: 'info', description: '', rationale: '', appliesTo: ['commercial_invoice'],
      check: () => [{ rule_id: 'test.invoice', severity: 'info', message: 'ran', path: '' }],
    };
    expect(runRules(emptyDocument('packing_list', 'pdf'), { now: NOW }, [onlyInvoices])).toEqual([]);
    expect(runRules(emptyDocument('commercial_invoice', 'pdf'), { now: NOW }, [onlyInvoices])).toHaveLength(1);
  });
});

describe.skipIf(!HAS_REFERENCE)('performance', () => {
  it('lints a 100-line invoice in milliseconds once reference data is loaded (no per-check I/O)', async () => {
    const doc = fixture('commercial_invoice');
    const line = doc.lines[0];
    doc.lines = Array.from({ length: 100 }, () => ({ ...line }));
    doc.total_amount = (1900 * 100 + 350 + 22.4 - 100).toFixed(2);
    const first = await lintJson(doc);
    expect(first.findings).toEqual([]);
    const started = performance.now();
    for (let run = 0; run < 50; run += 1) await lintJson(doc);
    // ~2.5 ms on the reference machine outside the test runner; reading reference files per check would cost 100+ ms.
    expect((performance.now() - started) / 50).toBeLessThan(40);
  });
});
