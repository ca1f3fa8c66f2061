import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNLOCODE_ALL_FILE, UNLOCODE_PORTS_FILE } from './files.js';

export function parseLocodeList(text: string): Set<string> {
  const codes = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const code = line.trim();
    if (code.length === 5) codes.add(code);
  }
  return codes;
}

/** Port entries keyed by LOCODE with their UN/LOCODE function string (`1-3-----`: position 1 = port). */
export function parsePortFunctions(json: string): Map<string, string> {
  const parsed = JSON.parse(json) as Record<string, { fn?: unknown }>;
  const ports = new Map<string, string>();
  for (const [code, entry] of Object.entries(parsed)) {
    if (typeof entry?.fn === 'string' && entry.fn.startsWith('1')) ports.set(code, entry.fn);
  }
  return ports;
}

export function loadLocodes(referenceDir: string): Set<string> {
  return parseLocodeList(readFileSync(join(referenceDir, UNLOCODE_ALL_FILE), 'utf8'));
}

export function loadPortFunctions(referenceDir: string): Map<string, string> {
  return parsePortFunctions(readFileSync(join(referenceDir, UNLOCODE_PORTS_FILE), 'utf8'));
}
