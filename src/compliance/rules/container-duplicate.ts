import { normalizeContainerNumber } from '../codes/iso6346.js';
import { findingAt, type Rule } from '../rule.js';

export const containerDuplicate: Rule = {
  id: 'container.duplicate',
  severity: 'error',
  description: 'A container is listed only once in the equipment list.',
  rationale: 'Duplicate equipment entries double-count tare and cargo weights and confuse seal verification.',
  check(doc) {
    const seen = new Map<string, string>();
    return doc.equipment.flatMap((item) => {
      if (!item.containerNumber) return [];
      const number = normalizeContainerNumber(item.containerNumber.value);
      const first = seen.get(number);
      if (first === undefined) {
        seen.set(number, item.containerNumber.path);
        return [];
      }
      return [findingAt(this, item.containerNumber, `Container ${number} is listed twice (first at ${first}).`, {
        hint: 'Merge the entries; list every seal of the container in one entry.',
      })];
    });
  },
};
