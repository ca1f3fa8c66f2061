import currencyCodes from 'currency-codes';

export interface CurrencyInfo {
  code: string;
  /** Decimal places of the minor unit; null for units without one (gold, test codes…). */
  minorUnits: number | null;
}

const cache = new Map<string, CurrencyInfo | null>();

export function currencyInfo(code: string): CurrencyInfo | null {
  if (cache.has(code)) return cache.get(code)!;
  const record = /^[A-Z]{3}$/.test(code) ? currencyCodes.code(code) : undefined;
  // The library marks metals, funds and test codes with pseudo-countries starting "Zz"; their "digits" is N/A.
  const info = record
    ? { code, minorUnits: record.countries.some((country) => country.startsWith('Zz')) ? null : record.digits }
    : null;
  cache.set(code, info);
  return info;
}
