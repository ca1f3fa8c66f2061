import { findingAt, type Rule } from '../rule.js';

export const originMissing: Rule = {
  id: 'origin.missing',
  severity: 'error',
  description: 'Every line of a certificate of origin states its country of origin, and it matches the certified origin.',
  rationale: 'Preferential duty depends on the origin of each item; a line without origin cannot be certified.',
  appliesTo: ['certificate_of_origin'],
  check(doc) {
    if (doc.format === 'pdf') return [];
    const certified = doc.countryOfOrigin?.value;
    return doc.lines.flatMap((line) => {
      if (!line.originCountry) {
        if (certified) return [];
        return [findingAt(this, line, 'This line states no country of origin.', { hint: 'Add origin_country (ISO 3166 alpha-2).' })];
      }
      if (certified && line.originCountry.value !== certified) {
        return [findingAt(this, line.originCountry, `Line origin ${line.originCountry.value} differs from the certified origin ${certified}.`, {
          severity: 'warning',
          hint: 'A certificate of origin covers goods of one origin; issue a separate certificate for other origins.',
        })];
      }
      return [];
    });
  },
};
