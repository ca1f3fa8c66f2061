import { isUnlocodeFormat, normalizeUnlocode } from '../codes/unlocode.js';
import { findingAt, type Rule } from '../rule.js';
import { locodeFieldsOf } from './shared/locations.js';

export const unlocodeExists: Rule = {
  id: 'unlocode.exists',
  severity: 'error',
  description: 'UN/LOCODEs exist in the UN/LOCODE code list.',
  rationale: 'A well-formed but unknown code is usually a typo (CNSHG for CNSHA) and is rejected by customs and carrier systems.',
  needsReference: true,
  check(doc, ctx) {
    const mentions = locodeFieldsOf(doc).filter(({ field }) => isUnlocodeFormat(normalizeUnlocode(field.value)));
    if (mentions.length === 0 || !ctx.reference) return [];
    const known = ctx.reference.locodes();
    return mentions
      .filter(({ field }) => !known.has(normalizeUnlocode(field.value)))
      .map(({ label, field }) => findingAt(this, field, `The ${label} ${normalizeUnlocode(field.value)} is not in the UN/LOCODE list.`, {
        hint: 'Look the place up in the UN/LOCODE list and copy its code.',
      }));
  },
};
