import { findingAt, type Rule } from '../rule.js';
import { destinationsOf } from './shared/destinations.js';

export const sanctionsRestrictedDestination: Rule = {
  id: 'sanctions.restricted-destination',
  severity: 'warning',
  description: 'Goods shipped to a country under sectoral sanctions or export controls are flagged for screening (configurable list).',
  rationale: 'Many goods need a licence or are banned for these countries; the HS code and the parties must be screened.',
  check(doc, ctx) {
    const { sanctions } = ctx;
    return destinationsOf(doc).flatMap(({ label, country, field }) => {
      const entry = sanctions.restricted.get(country);
      if (!entry) return [];
      return [findingAt(this, field, `The ${label} is in ${country}, which is subject to restrictions (${entry.reason || 'restricted list'}, list as of ${sanctions.asOf}).`, {
        hint: 'Screen the goods and all parties against the applicable sanctions lists before shipping.',
      })];
    });
  },
};
