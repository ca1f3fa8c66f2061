import type { Field, TradeDocument } from '../../model.js';
import { partiesOf } from '../../model.js';

export interface CountryMention {
  label: string;
  field: Field;
}

/** Every field of a document that is meant to hold an ISO 3166 alpha-2 country code. */
export function countryFieldsOf(doc: TradeDocument): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (const [role, party] of partiesOf(doc)) {
    if (party.country) mentions.push({ label: `${role.replace('_', ' ')} country`, field: party.country });
  }
  if (doc.countryOfOrigin) mentions.push({ label: 'country of origin', field: doc.countryOfOrigin });
  if (doc.transport.destinationCountry) mentions.push({ label: 'destination country', field: doc.transport.destinationCountry });
  doc.lines.forEach((line, index) => {
    if (line.originCountry) mentions.push({ label: `origin country of line ${index + 1}`, field: line.originCountry });
  });
  return mentions;
}
