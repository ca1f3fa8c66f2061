import { currencyInfo } from '../codes/currency.js';
import type { Field } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const currencyCode: Rule = {
  id: 'currency.iso4217',
  severity: 'error',
  description: 'Currencies are active ISO 4217 codes (USD, EUR, JPY…).',
  rationale: 'Customs value and duty are computed in the declared currency; an unknown code makes the value meaningless.',
  check(doc) {
    const fields: Field[] = [];
    if (doc.currency) fields.push(doc.currency);
    for (const item of [...doc.charges, ...doc.discounts]) if (item.currency) fields.push(item.currency);
    return fields
      .filter((field) => currencyInfo(field.value) === null)
      .map((field) => findingAt(this, field, `"${field.value}" is not an ISO 4217 currency code.`, {
        hint: currencyInfo(field.value.toUpperCase()) ? `Write it in upper case: ${field.value.toUpperCase()}.` : 'Use the three-letter ISO 4217 code, e.g. USD, EUR, CNY.',
      }));
  },
};
