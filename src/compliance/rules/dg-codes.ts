import { findingAt, type Rule } from '../rule.js';
import { dangerousGoodsOf, HAZARD_CLASS } from './shared/dangerous-goods.js';
import type { Finding } from '../types.js';

export const dgCodes: Rule = {
  id: 'dg.codes',
  severity: 'error',
  description: 'UN numbers are "UN" + 4 digits, hazard classes exist (1.1–9), packing groups are I, II or III.',
  rationale: 'Segregation and stowage are derived from these codes; an impossible code means the declaration cannot be trusted.',
  check(doc) {
    const findings: Finding[] = [];
    for (const entry of dangerousGoodsOf(doc)) {
      const { unNumber, hazardClass, packingGroup } = entry;
      if (unNumber && !/^(UN)?\s?\d{4}$/i.test(unNumber.value)) {
        findings.push(findingAt(this, unNumber, `"${unNumber.value}" is not a UN number.`, { hint: 'Write UN followed by four digits, e.g. UN3480.' }));
      }
      if (hazardClass && !HAZARD_CLASS.test(hazardClass.value)) {
        findings.push(findingAt(this, hazardClass, `"${hazardClass.value}" is not a dangerous goods class or division.`, { hint: 'Classes are 1.1–1.6, 2.1–2.3, 3, 4.1–4.3, 5.1, 5.2, 6.1, 6.2, 7, 8, 9.' }));
      }
      if (packingGroup && !/^(I|II|III)$/.test(packingGroup.value)) {
        findings.push(findingAt(this, packingGroup, `"${packingGroup.value}" is not a packing group.`, { hint: 'Use I, II or III.' }));
      }
    }
    return findings;
  },
};
