import { normalizeContainerNumber } from '../codes/iso6346.js';
import { findingAt, type Rule } from '../rule.js';

export const cargoEquipmentReference: Rule = {
  id: 'cargo.unknown-equipment',
  severity: 'error',
  description: "Every cargo item's container is listed among the document's equipment.",
  rationale: 'Cargo stowed in a container that the document does not list cannot be matched to a seal, weight or VGM.',
  check(doc) {
    if (doc.equipment.length === 0 && doc.format !== 'dcsa-ebl' && doc.documentType !== 'bill_of_lading') return [];
    const listed = new Set(doc.equipment.flatMap((item) => item.containerNumber ? [normalizeContainerNumber(item.containerNumber.value)] : []));
    return doc.cargoItems.flatMap((item) => {
      if (!item.equipmentReference) return [];
      const reference = normalizeContainerNumber(item.equipmentReference.value);
      if (listed.has(reference)) return [];
      return [findingAt(this, item.equipmentReference, `Cargo item refers to container ${reference}, which is not in the equipment list.`, {
        hint: listed.size ? `Listed containers: ${[...listed].join(', ')}.` : 'Add the container to the equipment list.',
      })];
    });
  },
};
