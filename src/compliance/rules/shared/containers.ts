import type { Field, TradeDocument } from '../../model.js';

/** Every container number a document mentions: its equipment list and the references of its cargo items. */
export function containerFieldsOf(doc: TradeDocument): Field[] {
  const fields: Field[] = [];
  for (const item of doc.equipment) if (item.containerNumber) fields.push(item.containerNumber);
  for (const item of doc.cargoItems) if (item.equipmentReference) fields.push(item.equipmentReference);
  return fields;
}
