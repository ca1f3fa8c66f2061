import { containerCheckDigit, isContainerNumberFormat, normalizeContainerNumber } from '../codes/iso6346.js';
import { findingAt, type Rule } from '../rule.js';
import { containerFieldsOf } from './shared/containers.js';

export const containerCheckDigitRule: Rule = {
  id: 'container.check-digit',
  severity: 'error',
  description: 'The 11th character of a container number equals its ISO 6346 check digit.',
  rationale: 'A wrong check digit means a typo: the cargo would be declared against another container (or none).',
  check(doc) {
    return containerFieldsOf(doc).flatMap((field) => {
      const number = normalizeContainerNumber(field.value);
      if (!isContainerNumberFormat(number)) return [];
      const expected = containerCheckDigit(number.slice(0, 10));
      if (expected === Number(number[10])) return [];
      return [findingAt(this, field, `Container ${number} fails the ISO 6346 check: the check digit should be ${expected}, not ${number[10]}.`, {
        hint: 'Re-read the number from the container or the booking; a single mistyped character changes the check digit.',
      })];
    });
  },
};
