import { findingAt, type Rule } from '../rule.js';
import { dangerousGoodsOf, packingGroupApplies } from './shared/dangerous-goods.js';
import type { Finding } from '../types.js';

export const dgRequiredFields: Rule = {
  id: 'dg.required-fields',
  severity: 'error',
  description: 'Declared dangerous goods state UN number, hazard class, packing group (where the class has one) and proper shipping name.',
  rationale: 'IMDG and IATA DGR require these four items; without them the carrier must refuse the cargo.',
  check(doc) {
    const findings: Finding[] = [];
    const entries = dangerousGoodsOf(doc);
    if (doc.dangerousGoodsDeclared?.value && entries.length === 0 && doc.format !== 'pdf') {
      findings.push(findingAt(this, doc.dangerousGoodsDeclared, 'The document declares dangerous goods but no line describes them.', {
        hint: 'Add UN number, class, packing group and proper shipping name to the lines that carry dangerous goods.',
      }));
    }
    for (const entry of entries) {
      const missing: string[] = [];
      if (!entry.unNumber) missing.push('UN number');
      if (!entry.hazardClass) missing.push('hazard class');
      if (!entry.packingGroup && packingGroupApplies(entry.hazardClass?.value)) missing.push('packing group');
      if (!entry.properShippingName) missing.push('proper shipping name');
      if (missing.length === 0) continue;
      // A PDF's text rarely labels every item; what the reader did not find may still be printed.
      findings.push(findingAt(this, entry, `Dangerous goods entry lacks: ${missing.join(', ')}.`, {
        severity: doc.format === 'pdf' ? 'warning' : 'error',
        hint: 'Copy the entry from the Dangerous Goods List (IMDG Code 3.2 / IATA DGR 4.2).',
      }));
    }
    return findings;
  },
};
