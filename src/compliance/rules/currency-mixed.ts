import { findingAt, type Rule } from '../rule.js';

export const currencyMixed: Rule = {
  id: 'currency.mixed',
  severity: 'warning',
  description: "Charges and discounts are in the document's currency.",
  rationale: 'Adding amounts in different currencies gives a wrong customs value unless the exchange rate is stated.',
  check(doc) {
    const currency = doc.currency?.value;
    if (!currency) return [];
    return [...doc.charges, ...doc.discounts]
      .filter((item) => item.currency && item.currency.value !== currency)
      .map((item) => findingAt(this, item.currency!, `This amount is in ${item.currency!.value} but the document is in ${currency}.`, {
        hint: 'Convert the amount and state the exchange rate, or issue it on a separate invoice.',
      }));
  },
};
