import { datesOf, parseIsoDate } from '../dates.js';
import { findingAt, type Rule } from '../rule.js';

export const dateInvalid: Rule = {
  id: 'date.invalid',
  severity: 'error',
  description: 'Dates are real calendar dates written as ISO 8601 (YYYY-MM-DD).',
  rationale: '03/04/2024 means March or April depending on the reader; a date nobody can read cannot be checked or filed.',
  check(doc) {
    return datesOf(doc)
      .filter(({ field }) => parseIsoDate(field.value) === null)
      .map(({ label, field }) => findingAt(this, field, `The ${label} "${field.value}" is not a valid date.`, {
        hint: 'Write dates as YYYY-MM-DD, e.g. 2024-03-01.',
      }));
  },
};
