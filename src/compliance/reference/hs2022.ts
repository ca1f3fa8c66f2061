import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HS_2022_FILE } from './files.js';

/**
 * 6-digit HS 2022 subheadings from the Comtrade-derived CSV (`section,hscode,description,parent,level`).
 * The CSV also carries Comtrade artefacts (a TOTAL row and chapter 99 "not specified") that are not HS: dropped.
 * Only the first two columns and the last one are read, so quoted descriptions with commas need no CSV parser.
 */
export function parseHsSubheadings(csv: string): Set<string> {
  const subheadings = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    const firstComma = line.indexOf(',');
    const secondComma = line.indexOf(',', firstComma + 1);
    if (firstComma < 0 || secondComma < 0) continue;
    const section = line.slice(0, firstComma);
    const code = line.slice(firstComma + 1, secondComma);
    const level = line.slice(line.lastIndexOf(',') + 1).trim();
    if (section === 'TOTAL' || level !== '6' || !/^\d{6}$/.test(code) || code.startsWith('99')) continue;
    subheadings.add(code);
  }
  return subheadings;
}

export function loadHsSubheadings(referenceDir: string): Set<string> {
  return parseHsSubheadings(readFileSync(join(referenceDir, HS_2022_FILE), 'utf8'));
}
