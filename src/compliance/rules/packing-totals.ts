import { sumOf, toDecimal, type Decimal } from '../decimal.js';
import type { DocumentLine, Field } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

const MEASURES: ReadonlyArray<[string, (line: DocumentLine) => Field | undefined, 'packages' | 'netWeightKg' | 'grossWeightKg']> = [
  ['packages', (line) => line.packages, 'packages'],
  ['net weight (kg)', (line) => line.netWeightKg, 'netWeightKg'],
  ['gross weight (kg)', (line) => line.grossWeightKg, 'grossWeightKg'],
];

export const packingTotals: Rule = {
  id: 'packing.totals',
  severity: 'error',
  description: 'Stated totals of packages, net and gross weight equal the sums of the lines.',
  rationale: 'Carriers, terminals and customs compare these totals with the manifest and the weighed container.',
  check(doc) {
    return MEASURES.flatMap(([label, read, key]) => {
      const stated = doc.totals[key];
      const total = toDecimal(stated);
      if (!stated || !total || doc.lines.length === 0) return [];
      const values = doc.lines.map((line) => toDecimal(read(line)));
      if (values.some((value) => value === null)) return [];
      const sum = sumOf(values as Decimal[]);
      if (sum.equals(total)) return [];
      return [findingAt(this, stated, `Total ${label} ${total.toString()} does not equal the sum of the lines, ${sum.toString()}.`, {
        hint: 'Recount the lines or correct the total.',
      })];
    });
  },
};
