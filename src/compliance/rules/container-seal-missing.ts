import { findingAt, type Rule } from '../rule.js';

export const containerSealMissing: Rule = {
  id: 'container.seal-missing',
  severity: 'warning',
  description: 'Every container on a bill of lading carries at least one seal number.',
  rationale: 'Seal numbers prove the container was not opened in transit; consignees and customs verify them at discharge.',
  appliesTo: ['bill_of_lading'],
  check(doc) {
    if (doc.format === 'pdf') return []; // seals are rarely labelled in a way the text reader can tie to a container
    return doc.equipment
      .filter((item) => item.seals.length === 0)
      .map((item) => findingAt(this, item.containerNumber ?? item, `Container ${item.containerNumber?.value ?? '(without number)'} has no seal number.`, {
        hint: 'Add the carrier or shipper seal number applied to the container.',
      }));
  },
};
