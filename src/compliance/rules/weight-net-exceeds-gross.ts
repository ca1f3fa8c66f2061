import { toDecimal } from '../decimal.js';
import type { Field } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const weightNetExceedsGross: Rule = {
  id: 'weight.net-exceeds-gross',
  severity: 'error',
  description: 'Net weight is never greater than gross weight (per line and in the totals).',
  rationale: 'Gross weight includes packaging; a larger net weight means the columns were swapped or mistyped.',
  check(doc) {
    const pairs: Array<[Field | undefined, Field | undefined]> = doc.lines.map((line) => [line.netWeightKg, line.grossWeightKg]);
    pairs.push([doc.totals.netWeightKg, doc.totals.grossWeightKg]);
    return pairs.flatMap(([netField, grossField]) => {
      const net = toDecimal(netField);
      const gross = toDecimal(grossField);
      if (!net || !gross || !netField || net.lte(gross)) return [];
      return [findingAt(this, netField, `Net weight ${net.toString()} kg exceeds gross weight ${gross.toString()} kg.`, {
        hint: 'Gross weight = net weight + packaging; check whether the two values were swapped.',
      })];
    });
  },
};
