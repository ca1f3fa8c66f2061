import { findingAt, type Rule } from '../rule.js';

export const hsCodeMissing: Rule = {
  id: 'hs-code.missing',
  severity: 'warning',
  description: 'Goods lines of invoices, bills of lading and certificates of origin carry an HS code.',
  rationale: 'Import declarations and advance cargo filings (ICS2, ISF, ACI) require the HS code of every line.',
  appliesTo: ['commercial_invoice', 'bill_of_lading', 'certificate_of_origin'],
  check(doc) {
    if (doc.format === 'pdf') return []; // a PDF's table rows are not read line by line, so absence proves nothing
    return doc.lines
      .filter((line) => line.hsCodes.length === 0)
      .map((line) => findingAt(this, line, `Line "${line.description?.value ?? ''}" has no HS code.`, {
        hint: 'Add at least the 6-digit HS subheading.',
      }));
  },
};
