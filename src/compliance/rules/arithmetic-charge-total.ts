import { toDecimal } from '../decimal.js';
import { findingAt, type Rule } from '../rule.js';
import { agreesAfterRounding } from './arithmetic-line-total.js';

export const arithmeticChargeTotal: Rule = {
  id: 'arithmetic.charge-total',
  severity: 'error',
  description: 'A charge stated with unit price and quantity equals their product.',
  rationale: 'Freight charges on transport documents are invoiced from these parts; a mismatch is a billing error.',
  check(doc) {
    return doc.charges.flatMap((charge) => {
      const unitPrice = toDecimal(charge.unitPrice);
      const quantity = toDecimal(charge.quantity);
      const amount = toDecimal(charge.amount);
      if (!unitPrice || !quantity || !amount) return [];
      const expected = unitPrice.times(quantity);
      if (agreesAfterRounding(expected, amount, charge.amount.value)) return [];
      return [findingAt(this, charge.amount, `Charge ${amount.toString()} does not equal ${quantity.toString()} × ${unitPrice.toString()} = ${expected.toString()}.`, {
        hint: 'Correct the charge amount, its unit price or its quantity.',
      })];
    });
  },
};
