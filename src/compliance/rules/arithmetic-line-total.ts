import { Decimal, decimalPlaces, toDecimal } from '../decimal.js';
import { findingAt, type Rule } from '../rule.js';

/** True when `expected` equals `stated` exactly or once rounded (half-up or half-even) to the stated decimals. */
export function agreesAfterRounding(expected: Decimal, stated: Decimal, statedText: string): boolean {
  if (expected.equals(stated)) return true;
  const places = decimalPlaces(statedText);
  return expected.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).equals(stated)
    || expected.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).equals(stated);
}

export const arithmeticLineTotal: Rule = {
  id: 'arithmetic.line-total',
  severity: 'error',
  description: 'Each line total equals quantity × unit price (rounded to the decimals of the stated total).',
  rationale: 'Customs value is built from line values; a wrong product is either a typo or an undervaluation red flag.',
  check(doc) {
    return doc.lines.flatMap((line) => {
      const quantity = toDecimal(line.quantity);
      const unitPrice = toDecimal(line.unitPrice);
      const total = toDecimal(line.lineTotal);
      if (!quantity || !unitPrice || !total || !line.lineTotal) return [];
      const expected = quantity.times(unitPrice);
      if (agreesAfterRounding(expected, total, line.lineTotal.value)) return [];
      return [findingAt(this, line.lineTotal, `Line total ${total.toString()} does not equal ${quantity.toString()} × ${unitPrice.toString()} = ${expected.toString()}.`, {
        hint: 'Correct the quantity, the unit price or the line total.',
      })];
    });
  },
};
