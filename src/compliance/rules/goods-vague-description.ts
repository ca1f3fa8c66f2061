import { findingAt, type Rule } from '../rule.js';

/** Descriptions that customs (US CBP, EU ICS2) list as unacceptable on their own. */
const VAGUE_DESCRIPTIONS = new Set([
  'parts', 'spare parts', 'general cargo', 'fak', 'freight of all kinds', 'daily necessities', 'samples', 'sample',
  'gifts', 'gift', 'accessories', 'goods', 'merchandise', 'consolidated cargo', 'stc', 'said to contain', 'various',
  'sundries', 'miscellaneous', 'personal effects', 'household goods', 'equipment', 'machinery', 'chemicals',
  'textiles', 'clothing', 'electronics', 'food', 'tools', 'plastic goods', 'auto parts', 'furniture',
]);

export function isVagueDescription(description: string): boolean {
  const normalized = description.toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return normalized.length < 3 || VAGUE_DESCRIPTIONS.has(normalized);
}

export const goodsVagueDescription: Rule = {
  id: 'goods.vague-description',
  severity: 'warning',
  description: 'Goods descriptions say what the goods are ("parts", "FAK", "samples", "gifts" alone are not enough).',
  rationale: 'ICS2, US ISF and most customs reject generic descriptions; the cargo is held until a precise description arrives.',
  check(doc) {
    return doc.lines.flatMap((line) => {
      const field = line.description;
      if (!field || !isVagueDescription(field.value)) return [];
      return [findingAt(this, field, `"${field.value}" is too vague to describe the goods.`, {
        hint: 'Say what the goods are, what they are made of and what they are for, e.g. "brake pads for passenger cars, ceramic".',
      })];
    });
  },
};
