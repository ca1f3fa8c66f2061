import { sumOf, toDecimal, type Decimal } from '../decimal.js';
import { findingAt, type Rule } from '../rule.js';
import { agreesAfterRounding } from './arithmetic-line-total.js';

export const arithmeticInvoiceTotal: Rule = {
  id: 'arithmetic.invoice-total',
  severity: 'error',
  description: 'The invoice total equals the sum of line totals plus charges minus discounts.',
  rationale: 'The total is what is paid and usually what is declared to customs; it must follow from the lines.',
  check(doc) {
    const total = toDecimal(doc.totals.amount);
    if (!total || !doc.totals.amount || doc.lines.length === 0) return [];
    const lineTotals = doc.lines.map((line) => toDecimal(line.lineTotal));
    const charges = doc.charges.map((item) => toDecimal(item.amount));
    const discounts = doc.discounts.map((item) => toDecimal(item.amount));
    // One unreadable amount makes the sum meaningless; that amount is reported by the schema or the PDF review.
    if ([...lineTotals, ...charges, ...discounts].some((value) => value === null)) return [];
    const linesSum = sumOf(lineTotals as Decimal[]);
    const chargesSum = sumOf(charges as Decimal[]);
    // Discounts are subtracted whether written as 50.00 or -50.00.
    const discountsSum = sumOf((discounts as Decimal[]).map((value) => value.abs()));
    const expected = linesSum.plus(chargesSum).minus(discountsSum);
    if (agreesAfterRounding(expected, total, doc.totals.amount.value)) return [];
    return [findingAt(this, doc.totals.amount, `Total ${total.toString()} does not equal lines ${linesSum.toString()} + charges ${chargesSum.toString()} − discounts ${discountsSum.toString()} = ${expected.toString()}.`, {
      hint: 'Recompute the total, or list the missing charge or discount.',
    })];
  },
};
