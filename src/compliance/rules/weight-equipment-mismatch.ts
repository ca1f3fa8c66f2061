import { normalizeContainerNumber } from '../codes/iso6346.js';
import { Decimal, toDecimal } from '../decimal.js';
import { findingAt, type Rule } from '../rule.js';

export const weightEquipmentMismatch: Rule = {
  id: 'weight.equipment-mismatch',
  severity: 'warning',
  description: "A container's stated cargo gross weight equals the sum of the cargo items stowed in it.",
  rationale: 'Container weights feed stowage planning and the SOLAS verified gross mass; inconsistencies get containers rolled.',
  check(doc) {
    const sums = new Map<string, Decimal>();
    for (const item of doc.cargoItems) {
      const weight = toDecimal(item.grossWeightKg);
      if (!item.equipmentReference || !weight) continue;
      const key = normalizeContainerNumber(item.equipmentReference.value);
      sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(weight));
    }
    return doc.equipment.flatMap((item) => {
      const stated = toDecimal(item.cargoGrossWeightKg);
      if (!stated || !item.containerNumber || !item.cargoGrossWeightKg) return [];
      const sum = sums.get(normalizeContainerNumber(item.containerNumber.value));
      if (!sum || sum.equals(stated)) return [];
      return [findingAt(this, item.cargoGrossWeightKg, `Container ${item.containerNumber.value} states ${stated.toString()} kg of cargo but its cargo items weigh ${sum.toString()} kg.`, {
        hint: 'Align the container cargo weight with the cargo items.',
      })];
    });
  },
};
