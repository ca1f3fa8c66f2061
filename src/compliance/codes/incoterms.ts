/** Incoterms 2020 rules and the legacy terms that documents still carry. */
export const INCOTERMS_2020: ReadonlySet<string> = new Set([
  'EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF',
]);

/** Rules that only work for sea and inland waterway transport (the seller's duty ends at the ship's rail/side). */
export const SEA_ONLY_INCOTERMS: ReadonlySet<string> = new Set(['FAS', 'FOB', 'CFR', 'CIF']);

export const LEGACY_INCOTERMS: ReadonlyMap<string, string> = new Map([
  ['DAT', 'DPU (Incoterms 2020 renamed DAT to DPU)'],
  ['DAF', 'DAP (DAF was withdrawn in Incoterms 2010)'],
  ['DES', 'DAP (DES was withdrawn in Incoterms 2010)'],
  ['DEQ', 'DPU (DEQ was withdrawn in Incoterms 2010)'],
  ['DDU', 'DAP (DDU was withdrawn in Incoterms 2010)'],
]);

export function normalizeIncoterm(raw: string): string {
  return raw.trim().toUpperCase();
}
