import { findingAt, type Rule } from '../rule.js';
import { destinationsOf } from './shared/destinations.js';

export const sanctionsEmbargoedDestination: Rule = {
  id: 'sanctions.embargoed-destination',
  severity: 'error',
  description: 'Goods are not shipped to a country under a comprehensive embargo (configurable, dated list).',
  rationale: 'Shipping to an embargoed country is a criminal offence in most jurisdictions and freezes payments.',
  check(doc, ctx) {
    const { sanctions } = ctx;
    return destinationsOf(doc).flatMap(({ label, country, field }) => {
      const entry = sanctions.embargoed.get(country);
      if (!entry) return [];
      return [findingAt(this, field, `The ${label} is in ${country}, which is under embargo (${entry.reason || 'embargo list'}, list as of ${sanctions.asOf}).`, {
        hint: 'Stop the shipment and ask your compliance team; a licence is required, if one can be granted at all.',
      })];
    });
  },
};
