/**
 * Harmonized System codes. Only the first six digits are international; national tariff extensions
 * (8 or 10 digits) are accepted and checked on their 6-digit subheading.
 */
export function normalizeHsCode(raw: string): string {
  return raw.trim().replace(/[.\s]/g, '');
}

export function isHsCodeFormat(normalized: string): boolean {
  return /^\d{6}(\d{2}){0,2}$/.test(normalized);
}

export function hsChapter(normalized: string): string {
  return normalized.slice(0, 2);
}

export function hsSubheading(normalized: string): string {
  return normalized.slice(0, 6);
}

/** Chapter 77 is held in reserve for future use; 98 and 99 are for national use only. */
export const RESERVED_HS_CHAPTERS: ReadonlySet<string> = new Set(['77']);
export const NATIONAL_USE_HS_CHAPTERS: ReadonlySet<string> = new Set(['98', '99']);
