import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/compliance/rules/index.js';
import { fixture, HAS_REFERENCE, lintJson, type FixtureName, type Json } from './support/fixtures.js';

interface RuleCase {
  /** Fixture that must pass the rule as is. */
  base: FixtureName;
  /** Turns the fixture into one that breaks the rule. */
  breakIt: (doc: Json) => void;
  severity: 'error' | 'warning';
  path: string;
  /** A second passing variant, for rules whose pass case is not just "the fixture". */
  passVariant?: (doc: Json) => void;
}

const CASES: Record<string, RuleCase> = {
  'container.format': { base: 'bill_of_lading', severity: 'error', path: '/containers/0/number', breakIt: (d) => { d.containers[0].number = 'CSQ3054383'; } },
  'container.check-digit': { base: 'bill_of_lading', severity: 'error', path: '/containers/1/number', breakIt: (d) => { d.containers[1].number = 'TGHU9786121'; } },
  'container.duplicate': { base: 'bill_of_lading', severity: 'error', path: '/containers/2/number', breakIt: (d) => { d.containers.push({ ...d.containers[0] }); } },
  'container.seal-missing': { base: 'bill_of_lading', severity: 'warning', path: '/containers/0/number', breakIt: (d) => { d.containers[0].seals = []; } },
  'cargo.unknown-equipment': { base: 'bill_of_lading', severity: 'error', path: '/cargo_items/1/container_number', breakIt: (d) => { d.cargo_items[1].container_number = 'NARU3472484'; } },
  'vessel.imo-number': { base: 'bill_of_lading', severity: 'error', path: '/transport/vessel_imo', breakIt: (d) => { d.transport.vessel_imo = '9321484'; } },
  'awb.number': { base: 'air_waybill', severity: 'error', path: '/awb_number', breakIt: (d) => { d.awb_number = '176-12345676'; } },
  'party.lei': { base: 'commercial_invoice', severity: 'error', path: '/seller/lei', breakIt: (d) => { d.seller.lei = '5493001KJTIIGC8Y1R13'; } },
  'country.iso3166': { base: 'commercial_invoice', severity: 'error', path: '/buyer/country', breakIt: (d) => { d.buyer.country = 'Germany'; } },
  'currency.iso4217': { base: 'commercial_invoice', severity: 'error', path: '/currency', breakIt: (d) => { d.currency = 'EUROS'; } },
  'currency.minor-units': {
    base: 'commercial_invoice', severity: 'error', path: '/lines/0/line_total',
    passVariant: (d) => { d.currency = 'KWD'; d.lines[0].line_total = '1900.000'; },
    breakIt: (d) => { d.lines[0].line_total = '1900.005'; },
  },
  'currency.mixed': {
    base: 'commercial_invoice', severity: 'warning', path: '/charges/0/currency',
    passVariant: (d) => { d.charges[0].currency = 'EUR'; },
    breakIt: (d) => { d.charges[0].currency = 'USD'; },
  },
  'unlocode.format': { base: 'bill_of_lading', severity: 'error', path: '/transport/port_of_loading', breakIt: (d) => { d.transport.port_of_loading = 'Yantian'; } },
  'unlocode.exists': { base: 'bill_of_lading', severity: 'error', path: '/transport/port_of_discharge', breakIt: (d) => { d.transport.port_of_discharge = 'DEQQQ'; } },
  'unlocode.not-a-port': { base: 'bill_of_lading', severity: 'warning', path: '/transport/port_of_discharge', breakIt: (d) => { d.transport.port_of_discharge = 'DEMUC'; } },
  'hs-code.format': { base: 'commercial_invoice', severity: 'error', path: '/lines/0/hs_code', breakIt: (d) => { d.lines[0].hs_code = '6109'; } },
  'hs-code.reserved-chapter': { base: 'commercial_invoice', severity: 'error', path: '/lines/1/hs_code', breakIt: (d) => { d.lines[1].hs_code = '770100'; } },
  'hs-code.exists': { base: 'commercial_invoice', severity: 'error', path: '/lines/2/hs_code', breakIt: (d) => { d.lines[2].hs_code = '821199'; } },
  'hs-code.missing': { base: 'commercial_invoice', severity: 'warning', path: '/lines/0', breakIt: (d) => { delete d.lines[0].hs_code; } },
  'incoterm.valid': { base: 'commercial_invoice', severity: 'error', path: '/incoterm/rule', breakIt: (d) => { d.incoterm.rule = 'FOT'; } },
  'incoterm.legacy': { base: 'commercial_invoice', severity: 'warning', path: '/incoterm/rule', breakIt: (d) => { d.incoterm.rule = 'DAT'; } },
  'incoterm.named-place': { base: 'commercial_invoice', severity: 'warning', path: '/incoterm/rule', breakIt: (d) => { delete d.incoterm.place; } },
  'incoterm.sea-only-mode': { base: 'air_waybill', severity: 'error', path: '/incoterm/rule', breakIt: (d) => { d.incoterm.rule = 'FOB'; } },
  'arithmetic.line-total': { base: 'commercial_invoice', severity: 'error', path: '/lines/1/line_total', breakIt: (d) => { d.lines[1].line_total = '1500.01'; d.total_amount = '4752.41'; } },
  'arithmetic.invoice-total': { base: 'commercial_invoice', severity: 'error', path: '/total_amount', breakIt: (d) => { d.total_amount = '4852.40'; } },
  'arithmetic.charge-total': { base: 'commercial_invoice', severity: 'error', path: '/charges/0/currencyAmount', breakIt: () => undefined },
  'arithmetic.non-positive': { base: 'commercial_invoice', severity: 'error', path: '/lines/0/quantity', breakIt: (d) => { d.lines[0].quantity = '0'; d.lines[0].line_total = '0.00'; d.total_amount = '2852.40'; } },
  'packing.totals': { base: 'packing_list', severity: 'error', path: '/totals/gross_weight_kg', breakIt: (d) => { d.totals.gross_weight_kg = '1080'; } },
  'weight.net-exceeds-gross': { base: 'packing_list', severity: 'error', path: '/lines/2/net_weight_kg', breakIt: (d) => { d.lines[2].net_weight_kg = '170'; d.totals.net_weight_kg = '990.0'; } },
  'weight.equipment-mismatch': { base: 'bill_of_lading', severity: 'warning', path: '/containers/1/gross_weight_kg', breakIt: (d) => { d.containers[1].gross_weight_kg = '900'; } },
  'dcsa.required-fields': { base: 'bill_of_lading', severity: 'error', path: '/transportDocumentStatus', breakIt: () => undefined },
  'transport.same-ports': { base: 'bill_of_lading', severity: 'error', path: '/transport/port_of_discharge', breakIt: (d) => { d.transport.port_of_discharge = 'CNYTN'; } },
  'transport.arrival-before-departure': { base: 'bill_of_lading', severity: 'error', path: '/transport/arrival_date', breakIt: (d) => { d.transport.arrival_date = '2024-03-01'; } },
  'date.invalid': { base: 'commercial_invoice', severity: 'error', path: '/issue_date', breakIt: (d) => { d.issue_date = '2024-02-30'; } },
  'date.future': { base: 'commercial_invoice', severity: 'warning', path: '/issue_date', breakIt: (d) => { d.issue_date = '2024-06-02'; } },
  'date.order': { base: 'bill_of_lading', severity: 'warning', path: '/shipped_on_board_date', breakIt: (d) => { d.shipped_on_board_date = '2024-03-07'; d.transport.departure_date = '2024-03-07'; } },
  'dg.required-fields': { base: 'dangerous_goods_declaration', severity: 'error', path: '/lines/0/dangerous_goods', breakIt: (d) => { delete d.lines[0].dangerous_goods.packing_group; } },
  'dg.codes': { base: 'dangerous_goods_declaration', severity: 'error', path: '/lines/0/dangerous_goods/class', breakIt: (d) => { d.lines[0].dangerous_goods.class = '10'; } },
  'dg.undeclared': { base: 'commercial_invoice', severity: 'warning', path: '/lines/0/description', breakIt: (d) => { d.lines[0].description = 'Power banks with lithium cells, 10000 mAh'; } },
  'goods.vague-description': { base: 'packing_list', severity: 'warning', path: '/lines/1/description', breakIt: (d) => { d.lines[1].description = 'Daily necessities'; } },
  'origin.missing': { base: 'certificate_of_origin', severity: 'error', path: '/lines/0', breakIt: (d) => { delete d.country_of_origin; delete d.lines[0].origin_country; } },
  'sanctions.embargoed-destination': { base: 'commercial_invoice', severity: 'error', path: '/buyer/country', breakIt: (d) => { d.buyer.country = 'KP'; } },
  'sanctions.restricted-destination': { base: 'bill_of_lading', severity: 'warning', path: '/transport/port_of_discharge', breakIt: (d) => { d.transport.port_of_discharge = 'RULED'; } },
};

/** Rules whose failing case needs a DCSA document (CargoLint JSON cannot express it); tested in dcsa.test.ts. */
const TESTED_WITH_DCSA = new Set(['arithmetic.charge-total', 'dcsa.required-fields']);

describe('rule catalogue', () => {
  it('has at least 30 rules with unique ids and a test case each', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });
  it('describes every rule', () => {
    for (const rule of ALL_RULES) {
      expect(rule.description.length, rule.id).toBeGreaterThan(20);
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
    }
  });
});

describe.skipIf(!HAS_REFERENCE)('each rule on a passing and a failing document', () => {
  for (const [ruleId, testCase] of Object.entries(CASES)) {
    it(`${ruleId}: the ${testCase.base} fixture passes`, async () => {
      const doc = fixture(testCase.base);
      testCase.passVariant?.(doc);
      const result = await lintJson(doc);
      expect(result.findings.filter((finding) => finding.rule_id === ruleId)).toEqual([]);
    });
    if (TESTED_WITH_DCSA.has(ruleId)) continue;
    it(`${ruleId}: a broken ${testCase.base} is reported at ${testCase.path}`, async () => {
      const doc = fixture(testCase.base);
      testCase.breakIt(doc);
      const result = await lintJson(doc);
      const found = result.findings.filter((finding) => finding.rule_id === ruleId);
      expect(found).toEqual([expect.objectContaining({ severity: testCase.severity, path: testCase.path })]);
      expect(found[0].message.length).toBeGreaterThan(10);
      expect(result.findings.filter((finding) => finding.rule_id === 'document.schema')).toEqual([]);
    });
  }
});
