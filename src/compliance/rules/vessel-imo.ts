import { isValidImoNumber, normalizeImoNumber } from '../codes/imo.js';
import { findingAt, type Rule } from '../rule.js';

export const vesselImo: Rule = {
  id: 'vessel.imo-number',
  severity: 'error',
  description: 'The vessel IMO number has 7 digits and a valid check digit.',
  rationale: 'The IMO number is the only identifier of a ship that never changes; sanctions screening and tracking rely on it.',
  check(doc) {
    const field = doc.transport.vesselImo;
    if (!field || isValidImoNumber(normalizeImoNumber(field.value))) return [];
    return [findingAt(this, field, `"${field.value}" is not a valid IMO ship number.`, {
      hint: 'IMO numbers have 7 digits; the last is the sum of the first six weighted 7,6,5,4,3,2, modulo 10 (e.g. 9321483).',
    })];
  },
};
