import { isHsCodeFormat, normalizeHsCode } from '../codes/hs-code.js';
import { findingAt, type Rule } from '../rule.js';
import { hsCodeFieldsOf } from './shared/hs-codes.js';

export const hsCodeFormat: Rule = {
  id: 'hs-code.format',
  severity: 'error',
  description: 'HS codes have 6, 8 or 10 digits (dots and spaces allowed).',
  rationale: 'Duty, quotas and licensing are decided on the HS code; a truncated code (4 digits) cannot be classified.',
  check(doc) {
    return hsCodeFieldsOf(doc)
      .filter((field) => !isHsCodeFormat(normalizeHsCode(field.value)))
      .map((field) => findingAt(this, field, `"${field.value}" is not an HS code of 6, 8 or 10 digits.`, {
        hint: 'Give at least the 6-digit HS subheading, e.g. 8471.30 or 847130.',
      }));
  },
};
