import type { Field, TradeDocument } from '../../model.js';

/** Every HS code of every goods line. */
export function hsCodeFieldsOf(doc: TradeDocument): Field[] {
  return doc.lines.flatMap((line) => line.hsCodes);
}
