import { hsChapter, isHsCodeFormat, NATIONAL_USE_HS_CHAPTERS, normalizeHsCode, RESERVED_HS_CHAPTERS } from '../codes/hs-code.js';
import { findingAt, type Rule } from '../rule.js';
import { hsCodeFieldsOf } from './shared/hs-codes.js';

export const hsCodeReservedChapter: Rule = {
  id: 'hs-code.reserved-chapter',
  severity: 'error',
  description: 'HS codes do not use chapter 77 (reserved) and, with a warning, chapters 98/99 (national use only).',
  rationale: 'Chapter 77 has no goods in it; 98 and 99 mean different things in every country and are not valid across borders.',
  check(doc) {
    return hsCodeFieldsOf(doc).flatMap((field) => {
      const code = normalizeHsCode(field.value);
      if (!isHsCodeFormat(code)) return [];
      const chapter = hsChapter(code);
      if (RESERVED_HS_CHAPTERS.has(chapter)) {
        return [findingAt(this, field, `HS code ${code} is in chapter ${chapter}, which is reserved for future use and contains no goods.`, {
          hint: 'Classify the goods again; aluminium is chapter 76, lead is chapter 78.',
        })];
      }
      if (NATIONAL_USE_HS_CHAPTERS.has(chapter)) {
        return [findingAt(this, field, `HS code ${code} is in chapter ${chapter}, reserved for national use.`, {
          severity: 'warning',
          hint: 'Use the internationally valid HS code; special national codes belong in the national declaration only.',
        })];
      }
      return [];
    });
  },
};
