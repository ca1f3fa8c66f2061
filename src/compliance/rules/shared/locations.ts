import type { Field, TradeDocument } from '../../model.js';

export interface LocationMention {
  label: string;
  field: Field;
}

/**
 * Fields that must hold a UN/LOCODE. Places of receipt/delivery are codes only in DCSA documents; in CargoLint
 * JSON they may be free text (a warehouse address), so they are left out there.
 */
export function locodeFieldsOf(doc: TradeDocument): LocationMention[] {
  const { transport } = doc;
  const candidates: Array<[string, Field | undefined]> = [
    ['port of loading', transport.portOfLoading],
    ['port of discharge', transport.portOfDischarge],
  ];
  if (doc.format === 'dcsa-ebl') {
    candidates.push(['place of receipt', transport.placeOfReceipt], ['place of delivery', transport.placeOfDelivery]);
  }
  return candidates.filter((entry): entry is [string, Field] => entry[1] !== undefined).map(([label, field]) => ({ label, field }));
}
