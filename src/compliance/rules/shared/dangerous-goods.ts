import type { DangerousGoods, TradeDocument } from '../../model.js';

/** Every dangerous-goods entry of every line. */
export function dangerousGoodsOf(doc: TradeDocument): DangerousGoods[] {
  return doc.lines.flatMap((line) => line.dangerousGoods);
}

export const HAZARD_CLASS = /^(1\.[1-6][A-SN]?|2\.[1-3]|[3789]|4\.[1-3]|5\.[12]|6\.[12])$/;

/** Classes whose entries have no packing group under the UN Model Regulations (explosives use compatibility groups). */
export function packingGroupApplies(hazardClass: string | undefined): boolean {
  if (!hazardClass) return true;
  return !/^(1(\.|$)|2(\.|$)|7$|6\.2$|5\.2$|4\.1$)/.test(hazardClass);
}
