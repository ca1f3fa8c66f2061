import { findingAt, type Rule } from '../rule.js';

export const incotermNamedPlace: Rule = {
  id: 'incoterm.named-place',
  severity: 'warning',
  description: 'An Incoterm is followed by its named place or port (e.g. "FOB Shanghai").',
  rationale: 'Without the named place the term does not say where costs and risk pass from seller to buyer.',
  check(doc) {
    const field = doc.incoterm;
    if (!field || doc.incotermPlace?.value) return [];
    return [findingAt(this, field, `The Incoterm ${field.value} has no named place.`, {
      hint: 'Name the place or port, e.g. "FOB Shanghai" or "DAP Hamburg, Warehouse 4".',
    })];
  },
};
