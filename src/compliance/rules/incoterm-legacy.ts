import { LEGACY_INCOTERMS, normalizeIncoterm } from '../codes/incoterms.js';
import { findingAt, type Rule } from '../rule.js';

export const incotermLegacy: Rule = {
  id: 'incoterm.legacy',
  severity: 'warning',
  description: 'Withdrawn Incoterms (DAT, DAF, DES, DEQ, DDU) are replaced by their Incoterms 2020 successors.',
  rationale: 'A withdrawn term is only binding if the contract names the old edition; disputes about costs and risk follow.',
  check(doc) {
    const field = doc.incoterm;
    const replacement = field ? LEGACY_INCOTERMS.get(normalizeIncoterm(field.value)) : undefined;
    if (!field || !replacement) return [];
    return [findingAt(this, field, `${normalizeIncoterm(field.value)} is not part of Incoterms 2020.`, { hint: `Use ${replacement}.` })];
  },
};
