import countries from 'i18n-iso-countries';

/** Upper-case alpha-2 codes only: documents that write `de` are wrong even though the library would accept it. */
const ALPHA2_CODES: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

export function isIsoCountryCode(candidate: string): boolean {
  return ALPHA2_CODES.has(candidate);
}
