import { isContainerNumberFormat, normalizeContainerNumber } from '../codes/iso6346.js';
import { containerFieldsOf } from './shared/containers.js';
import { findingAt, type Rule } from '../rule.js';

export const containerFormat: Rule = {
  id: 'container.format',
  severity: 'error',
  description: 'Container numbers have the ISO 6346 shape: 3-letter owner code, category U/J/Z, 6-digit serial, check digit.',
  rationale: 'Terminals, carriers and customs match containers by this number; a malformed one cannot be tracked or released.',
  check(doc) {
    return containerFieldsOf(doc)
      .filter((field) => !isContainerNumberFormat(normalizeContainerNumber(field.value)))
      .map((field) => findingAt(this, field, `"${field.value}" is not an ISO 6346 container number.`, {
        hint: 'Expected 4 letters (owner code + U, J or Z) followed by 7 digits, e.g. CSQU3054383.',
      }));
  },
};
