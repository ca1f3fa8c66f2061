import { isUnlocodeFormat, normalizeUnlocode } from '../codes/unlocode.js';
import { findingAt, type Rule } from '../rule.js';
import { locodeFieldsOf } from './shared/locations.js';

export const unlocodeFormat: Rule = {
  id: 'unlocode.format',
  severity: 'error',
  description: 'Ports and places are given as 5-character UN/LOCODEs (country + 3 characters, e.g. CNSHA).',
  rationale: 'Port names are ambiguous (there are several Portlands); customs and carriers key on the LOCODE.',
  check(doc) {
    return locodeFieldsOf(doc)
      .filter(({ field }) => !isUnlocodeFormat(normalizeUnlocode(field.value)))
      .map(({ label, field }) => findingAt(this, field, `The ${label} "${field.value}" is not a UN/LOCODE.`, {
        hint: 'Use the 5-character UN/LOCODE: ISO country code + 3 letters or digits 2-9, e.g. NLRTM for Rotterdam.',
      }));
  },
};
