import { INCOTERMS_2020, LEGACY_INCOTERMS, normalizeIncoterm } from '../codes/incoterms.js';
import { findingAt, type Rule } from '../rule.js';

export const incotermValid: Rule = {
  id: 'incoterm.valid',
  severity: 'error',
  description: 'The delivery term is one of the eleven Incoterms 2020 rules.',
  rationale: 'The Incoterm decides who pays freight and insurance and where risk passes; customs adds costs to the value based on it.',
  check(doc) {
    const field = doc.incoterm;
    if (!field) return [];
    const code = normalizeIncoterm(field.value);
    if (INCOTERMS_2020.has(code) || LEGACY_INCOTERMS.has(code)) return [];
    return [findingAt(this, field, `"${field.value}" is not an Incoterms 2020 rule.`, {
      hint: `Use one of ${[...INCOTERMS_2020].join(', ')}.`,
    })];
  },
};
