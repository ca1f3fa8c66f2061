import type { Field } from '../model.js';
import { parseIsoDate, startOfUtcDay } from '../dates.js';
import { findingAt, type Rule } from '../rule.js';

export const dateFuture: Rule = {
  id: 'date.future',
  severity: 'warning',
  description: 'Issue and shipment dates are not in the future (planned voyage dates may be).',
  rationale: 'A document dated tomorrow was pre-filled or back-dated; banks reject such documents under letters of credit.',
  check(doc, ctx) {
    const today = startOfUtcDay(ctx.now);
    const candidates: Array<[string, Field | undefined]> = [['issue date', doc.issueDate], ['shipment date', doc.shipmentDate]];
    return candidates.flatMap(([label, field]) => {
      const date = field && parseIsoDate(field.value);
      if (!field || !date || date <= today) return [];
      return [findingAt(this, field, `The ${label} ${field.value} is in the future.`, {
        hint: 'Date documents when they are issued and goods when they were actually shipped.',
      })];
    });
  },
};
