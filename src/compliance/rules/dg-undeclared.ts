import { findingAt, type Rule } from '../rule.js';
import type { Field } from '../model.js';

/**
 * Words that almost always mean regulated dangerous goods. Whole words only ("batteryless" does not match);
 * "non-flammable" still matches on purpose, since such claims deserve a look. Hence a warning, not an error.
 */
const DG_KEYWORDS = /\b(lithium|li-ion|batter(?:y|ies)|aerosols?|flammable|inflammable|explosives?|fireworks?|corrosive|toxic|radioactive|compressed gas|dry ice|oxidi[sz]er|peroxide|UN\s?\d{4})\b/i;

export const dgUndeclared: Rule = {
  id: 'dg.undeclared',
  severity: 'warning',
  description: 'Goods described with dangerous-goods words (lithium, battery, aerosol, flammable, UN1234…) are declared as dangerous goods.',
  rationale: 'Undeclared dangerous goods cause ship and aircraft fires; carriers fine shippers heavily for misdeclaration.',
  check(doc) {
    if (doc.dangerousGoodsDeclared?.value || doc.lines.some((line) => line.dangerousGoods.length > 0)) return [];
    const texts: Field[] = doc.lines.flatMap((line) => (line.description ? [line.description] : []));
    for (const line of doc.textLines) texts.push({ value: line.text, path: `page ${line.page}, line ${line.line}` });
    const findings = [];
    const seen = new Set<string>();
    for (const text of texts) {
      const match = DG_KEYWORDS.exec(text.value);
      if (!match || seen.has(text.path)) continue;
      seen.add(text.path);
      findings.push(findingAt(this, text, `"${match[0]}" suggests dangerous goods, but none are declared.`, {
        hint: 'If the goods are regulated (e.g. UN3481 lithium batteries packed with equipment), declare them; otherwise describe them so that the exemption is clear.',
      }));
    }
    return findings;
  },
};
