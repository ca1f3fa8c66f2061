/** UN/LOCODE: ISO 3166 country (2 letters) + 3 characters from A-Z and 2-9 (0 and 1 are excluded to avoid O/I). */
export function normalizeUnlocode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

export function isUnlocodeFormat(normalized: string): boolean {
  return /^[A-Z]{2}[A-Z2-9]{3}$/.test(normalized);
}

export function unlocodeCountry(normalized: string): string {
  return normalized.slice(0, 2);
}
