import { DCSA_TRANSPORT_DOCUMENT_SCHEMA } from '../../documents/parsers/json/dcsa-schema.js';
import { isObject } from '../../documents/parsers/json/json-fields.js';
import { validateAgainstSchema } from '../../documents/parsers/json/json-schema.js';
import type { Finding } from '../types.js';
import type { Rule } from '../rule.js';

export const dcsaRequiredFields: Rule = {
  id: 'dcsa.required-fields',
  severity: 'error',
  description: 'DCSA eBL 3.x Transport Documents contain every field the standard requires, with valid code values.',
  rationale: 'eBL platforms reject a transport document that misses a mandatory field; the B/L cannot be issued or surrendered.',
  appliesTo: ['bill_of_lading'],
  check(doc) {
    if (doc.format !== 'dcsa-ebl') return [];
    const findings: Finding[] = validateAgainstSchema(doc.raw, DCSA_TRANSPORT_DOCUMENT_SCHEMA).map((violation) => ({
      rule_id: this.id,
      severity: 'error',
      message: `${violation.message}.`,
      path: violation.path,
      hint: 'See the DCSA eBL 3.0 TransportDocument definition.',
    }));
    // A straight (not "to order") bill of lading names its consignee: no one else may take delivery.
    const raw = doc.raw;
    if (isObject(raw) && raw.isToOrder === false && !isObject((raw.documentParties as Record<string, unknown> | undefined)?.consignee)) {
      findings.push({
        rule_id: this.id,
        severity: 'error',
        message: 'A transport document that is not "to order" must name its consignee.',
        path: '/documentParties/consignee',
        hint: 'Add documentParties.consignee or set isToOrder to true with an endorsee.',
      });
    }
    return findings;
  },
};
