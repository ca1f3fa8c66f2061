import { isIsoCountryCode } from '../codes/country.js';
import { findingAt, type Rule } from '../rule.js';
import { countryFieldsOf } from './shared/countries.js';

export const countryCode: Rule = {
  id: 'country.iso3166',
  severity: 'error',
  description: 'Country fields hold ISO 3166-1 alpha-2 codes (upper case, e.g. DE, CN, US).',
  rationale: 'Customs systems, origin rules and sanctions screening only understand the ISO codes; a name or typo is skipped.',
  check(doc) {
    return countryFieldsOf(doc)
      .filter(({ field }) => !isIsoCountryCode(field.value))
      .map(({ label, field }) => {
        const upper = field.value.toUpperCase();
        const hint = isIsoCountryCode(upper) ? `Write it in upper case: ${upper}.` : 'Use the two-letter ISO 3166-1 alpha-2 code, e.g. DE for Germany.';
        return findingAt(this, field, `The ${label} "${field.value}" is not an ISO 3166-1 alpha-2 code.`, { hint });
      });
  },
};
