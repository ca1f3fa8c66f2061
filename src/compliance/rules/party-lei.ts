import { isLeiFormat, isValidLei } from '../codes/lei.js';
import { partiesOf } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const partyLei: Rule = {
  id: 'party.lei',
  severity: 'error',
  description: 'Legal Entity Identifiers are 20 characters and pass the ISO 7064 MOD 97-10 check.',
  rationale: 'An LEI that fails its check identifies no one; banks and customs screening match parties on it.',
  check(doc) {
    return partiesOf(doc).flatMap(([role, party]) => {
      const lei = party.lei;
      if (!lei || isValidLei(lei.value)) return [];
      const problem = isLeiFormat(lei.value) ? 'fails the ISO 7064 MOD 97-10 check' : 'is not 20 letters and digits ending in two digits';
      return [findingAt(this, lei, `The ${role.replace('_', ' ')}'s LEI "${lei.value}" ${problem}.`, {
        hint: 'Copy the LEI from the GLEIF register.',
      })];
    });
  },
};
