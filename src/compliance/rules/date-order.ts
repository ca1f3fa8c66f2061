import type { Field } from '../model.js';
import { parseIsoDate } from '../dates.js';
import { findingAt, type Rule } from '../rule.js';

/** [date that must not be later, the date it must not exceed, hint] */
type Check = [subject: [string, Field | undefined], limit: [string, Field | undefined], hint: string];

export const dateOrder: Rule = {
  id: 'date.order',
  severity: 'warning',
  description: 'Document dates follow the shipment: an invoice is not issued after the goods arrived, a transport document not before they were shipped.',
  rationale: 'Dates out of sequence are a classic sign of back-dated or re-issued documents and trigger bank and customs queries.',
  check(doc) {
    const transportDocument = doc.documentType === 'bill_of_lading' || doc.documentType === 'air_waybill';
    const checks: Check[] = [
      [['issue date', doc.issueDate], ['arrival date', doc.transport.arrivalDate], 'The document is dated after the goods arrived; check the date.'],
    ];
    if (transportDocument) {
      checks.push([['shipment date', doc.shipmentDate], ['issue date', doc.issueDate], 'A transport document is issued when or after the goods are shipped, not before.']);
    }
    return checks.flatMap(([[laterLabel, laterField], [earlierLabel, earlierField], hint]) => {
      const later = laterField && parseIsoDate(laterField.value);
      const earlier = earlierField && parseIsoDate(earlierField.value);
      if (!laterField || !earlierField || !later || !earlier || later <= earlier) return [];
      return [findingAt(this, laterField, `The ${laterLabel} ${laterField.value} is after the ${earlierLabel} ${earlierField.value}.`, { hint })];
    });
  },
};
