import { isUnlocodeFormat, normalizeUnlocode, unlocodeCountry } from '../../codes/unlocode.js';
import type { Field, TradeDocument } from '../../model.js';

export interface DestinationMention {
  label: string;
  country: string;
  field: Field;
}

/** Every country a document sends goods to or through: destination, receiving parties, discharge and delivery places. */
export function destinationsOf(doc: TradeDocument): DestinationMention[] {
  const mentions: DestinationMention[] = [];
  const direct: Array<[string, Field | undefined]> = [
    ['destination country', doc.transport.destinationCountry],
    ['consignee', doc.parties.consignee?.country],
    ['buyer', doc.parties.buyer?.country],
    ['importer', doc.parties.importer?.country],
    ['notify party', doc.parties.notify_party?.country],
  ];
  for (const [label, field] of direct) if (field) mentions.push({ label, country: field.value.toUpperCase(), field });
  const places: Array<[string, Field | undefined]> = [
    ['port of discharge', doc.transport.portOfDischarge],
    ['place of delivery', doc.transport.placeOfDelivery],
  ];
  for (const [label, field] of places) {
    const code = field ? normalizeUnlocode(field.value) : '';
    if (field && isUnlocodeFormat(code)) mentions.push({ label, country: unlocodeCountry(code), field });
  }
  return mentions;
}
