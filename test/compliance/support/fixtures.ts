import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDocument } from '../../../src/compliance/check.js';
import type { CheckContext, CheckResult } from '../../../src/compliance/types.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const FIXTURES_DIR = resolve(REPO_ROOT, 'test/fixtures/compliance');

/** shared/ sits beside the repository (locally and in CI); an environment variable may point elsewhere. */
const SHARED_DIR = process.env.CARGOLINT_SHARED_DIR
  ?? (process.env.CARGOLINT_REFERENCE_DIR ? resolve(process.env.CARGOLINT_REFERENCE_DIR, '..') : resolve(REPO_ROOT, '../shared'));
export const REFERENCE_DIR = process.env.CARGOLINT_REFERENCE_DIR ?? resolve(SHARED_DIR, 'reference');
export const DCSA_EXAMPLE = resolve(SHARED_DIR, 'fixtures/dcsa/dcsa-pint-3.0.0-transport-document.json');
export const HAS_REFERENCE = existsSync(resolve(REFERENCE_DIR, 'hs2022-harmonized-system.csv'));
export const HAS_DCSA_EXAMPLE = existsSync(DCSA_EXAMPLE);

// Tests that need shared/ skip without it and say so; CI sets CARGOLINT_REQUIRE_REFERENCE so that nothing skips.
if (!HAS_REFERENCE || !HAS_DCSA_EXAMPLE) {
  const missing = [!HAS_REFERENCE && `reference data in ${REFERENCE_DIR}`, !HAS_DCSA_EXAMPLE && `the DCSA example at ${DCSA_EXAMPLE}`].filter(Boolean).join(' and ');
  if (process.env.CARGOLINT_REQUIRE_REFERENCE === 'true') throw new Error(`CARGOLINT_REQUIRE_REFERENCE is set but ${missing} is missing`);
  console.warn(`Skipping reference-data and DCSA tests: ${missing} not found (set CARGOLINT_REFERENCE_DIR or CARGOLINT_SHARED_DIR).`);
}

/** "Today" for every test, so that date rules do not depend on the day the suite runs. */
export const NOW = new Date('2024-06-01T12:00:00Z');
export const CONTEXT: CheckContext = { referenceDir: REFERENCE_DIR, now: NOW };

export type Json = Record<string, any>;

export const FIXTURE_FILES = {
  commercial_invoice: 'commercial-invoice.json',
  packing_list: 'packing-list.json',
  bill_of_lading: 'bill-of-lading.json',
  certificate_of_origin: 'certificate-of-origin.json',
  air_waybill: 'air-waybill.json',
  dangerous_goods_declaration: 'dangerous-goods-declaration.json',
} as const;

export type FixtureName = keyof typeof FIXTURE_FILES;

/** A fresh deep copy of a fixture, ready to be mutated by a test. */
export function fixture(name: FixtureName): Json {
  return JSON.parse(readFileSync(resolve(FIXTURES_DIR, FIXTURE_FILES[name]), 'utf8'));
}

/** The DCSA example with its placeholders replaced by references of the lengths the standard allows. */
export function dcsaExample(): Json {
  const text = readFileSync(DCSA_EXAMPLE, 'utf8')
    .replace('TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER', 'HMMU2312190042')
    .replace('SHIPPING_INSTRUCTION_REFERENCE_PLACEHOLDER', 'SI-DCSA-2023-0042')
    .replace('BOOKING_REFERENCE_PLACEHOLDER', 'HMMB2312190042');
  return JSON.parse(text);
}

export function lintJson(json: unknown, ctx: CheckContext = CONTEXT): Promise<CheckResult> {
  return checkDocument({ bytes: Buffer.from(JSON.stringify(json)), filename: 'test.json' }, ctx);
}

export function ruleIds(result: CheckResult): string[] {
  return result.findings.map((finding) => finding.rule_id);
}

export function errorsOf(result: CheckResult) {
  return result.findings.filter((finding) => finding.severity === 'error');
}
