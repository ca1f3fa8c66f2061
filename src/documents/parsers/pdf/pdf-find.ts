import type { Field, TextLine } from '../../../compliance/model.js';
import type { Reading } from './pdf-values.js';

export function linePath(line: TextLine): string {
  return `page ${line.page}, line ${line.line}`;
}

export function fieldFrom(line: TextLine, reading: Reading): Field {
  return { value: reading.value, path: linePath(line), confidence: reading.confidence };
}

/**
 * Finds `Label: value` (or the label alone with the value on the next line, as in boxed forms) and reads the value
 * with `read`. The first line whose value reads wins; a value taken from the next line is trusted a little less.
 */
export function findLabeled(
  lines: readonly TextLine[],
  label: RegExp,
  read: (text: string) => Reading | null,
): Field | undefined {
  // The label starts a column and ends at a separator, so "Shipper's declaration" is not the label "Shipper".
  const labelAtStart = new RegExp(String.raw`(?:^|  )(?:${label.source})(?=[\s:#.]|$)\s*(?:[:#.]|no\.?|number)*\s*`, 'i');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const match = labelAtStart.exec(line.text);
    if (!match) continue;
    // Values end at a wide gap: the next column of the same printed line starts after two spaces.
    const rest = line.text.slice(match.index + match[0].length).split('  ')[0].trim();
    const sameLine = rest ? read(rest) : null;
    if (sameLine) return fieldFrom(line, sameLine);
    const next = lines[index + 1];
    if (!rest && next && next.page === line.page) {
      const below = read(next.text.split('  ')[0].trim());
      if (below) return fieldFrom(next, { ...below, confidence: below.confidence - 0.05 });
    }
  }
  return undefined;
}

/** Every match of a global pattern across all lines, read into fields. */
export function findAll(
  lines: readonly TextLine[],
  pattern: RegExp,
  read: (match: RegExpExecArray) => Reading | null,
): Field[] {
  const found: Field[] = [];
  for (const line of lines) {
    for (const match of line.text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
      const reading = read(match as RegExpExecArray);
      if (reading) found.push(fieldFrom(line, reading));
    }
  }
  return found;
}

export const identifier = (text: string): Reading | null => {
  const match = /^([A-Z0-9][A-Z0-9\-/]{2,34})\b/i.exec(text);
  return match && /\d/.test(match[1]) ? { value: match[1], confidence: 0.85 } : null;
};

export const freeText = (text: string): Reading | null => {
  const value = text.trim();
  return value.length >= 2 ? { value, confidence: 0.75 } : null;
};
