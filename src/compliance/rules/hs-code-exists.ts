import { hsChapter, hsSubheading, isHsCodeFormat, NATIONAL_USE_HS_CHAPTERS, normalizeHsCode, RESERVED_HS_CHAPTERS } from '../codes/hs-code.js';
import { findingAt, type Rule } from '../rule.js';
import { hsCodeFieldsOf } from './shared/hs-codes.js';

export const hsCodeExists: Rule = {
  id: 'hs-code.exists',
  severity: 'error',
  description: 'The 6-digit subheading of every HS code exists in the HS 2022 nomenclature.',
  rationale: 'Codes from older HS editions or typos are rejected by customs; HS 2022 has been in force since 1 January 2022.',
  needsReference: true,
  check(doc, ctx) {
    const fields = hsCodeFieldsOf(doc).filter((field) => {
      const code = normalizeHsCode(field.value);
      // Reserved and national chapters are reported by hs-code.reserved-chapter already.
      return isHsCodeFormat(code) && !RESERVED_HS_CHAPTERS.has(hsChapter(code)) && !NATIONAL_USE_HS_CHAPTERS.has(hsChapter(code));
    });
    if (fields.length === 0 || !ctx.reference) return [];
    const subheadings = ctx.reference.hsSubheadings();
    return fields
      .filter((field) => !subheadings.has(hsSubheading(normalizeHsCode(field.value))))
      .map((field) => {
        const subheading = hsSubheading(normalizeHsCode(field.value));
        return findingAt(this, field, `HS subheading ${subheading} does not exist in HS 2022.`, {
          hint: 'Check the code against the HS 2022 nomenclature; codes from HS 2017 or earlier may have been split or deleted.',
        });
      });
  },
};
