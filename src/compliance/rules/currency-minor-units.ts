import { currencyInfo } from '../codes/currency.js';
import { decimalPlaces } from '../decimal.js';
import { payableAmountsOf } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const currencyMinorUnits: Rule = {
  id: 'currency.minor-units',
  severity: 'error',
  description: 'Payable amounts have no more decimals than the currency has (JPY 0, USD 2, KWD 3).',
  rationale: 'An amount such as 1000.5 JPY cannot be paid or declared; it shows a conversion or rounding error upstream.',
  check(doc) {
    return payableAmountsOf(doc).flatMap(({ amount, currency }) => {
      const info = currency ? currencyInfo(currency.value) : null;
      if (!info || info.minorUnits === null) return [];
      const places = decimalPlaces(amount.value.replace(/0+$/, '').replace(/\.$/, ''));
      if (!amount.value.includes('.') || places <= info.minorUnits) return [];
      return [findingAt(this, amount, `${amount.value} ${info.code} has ${places} decimal places; ${info.code} allows ${info.minorUnits}.`, {
        hint: `Round the amount to ${info.minorUnits} decimal place(s) the way your invoice system does, and recheck the totals.`,
      })];
    });
  },
};
