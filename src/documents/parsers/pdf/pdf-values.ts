import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

/**
 * Normalisers for values as people print them (1.234,50 · 12 March 2024 · Iran) into the model's exact forms,
 * each with the confidence the reading deserves: ambiguous forms (03/04/2024, 1,234) get a low one.
 */
export interface Reading {
  value: string;
  confidence: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

export const DATE_PATTERN = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})`;

export function readDate(text: string): Reading | null {
  const trimmed = text.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match) return { value: `${match[1]}-${match[2]}-${match[3]}`, confidence: 0.95 };
  match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(trimmed);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    // Day-first is the international default; only a number above 12 proves which part is the day.
    const dayFirst = first > 12 || second <= 12;
    const [day, month] = dayFirst ? [first, second] : [second, first];
    const certain = first > 12 || second > 12 || first === second;
    return { value: `${match[3]}-${pad(month)}-${pad(day)}`, confidence: certain ? 0.85 : 0.55 };
  }
  match = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(trimmed) ?? null;
  const monthFirst = match ? null : /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(trimmed);
  const [day, monthName, year] = match ? [match[1], match[2], match[3]] : monthFirst ? [monthFirst[2], monthFirst[1], monthFirst[3]] : [];
  if (!monthName) return null;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  return month > 0 ? { value: `${year}-${pad(month)}-${pad(Number(day))}`, confidence: 0.9 } : null;
}

/** `1,234.50`, `1.234,50`, `1 234,50` → `1234.50`. */
export function readAmount(text: string): Reading | null {
  const compact = text.trim().replace(/[\s']/g, '');
  if (!/^-?\d[\d.,]*$/.test(compact)) return null;
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  const decimalSeparator = lastComma > lastDot ? ',' : lastDot >= 0 ? '.' : null;
  let confidence = 0.9;
  let integerPart = compact;
  let fraction = '';
  if (decimalSeparator) {
    const position = compact.lastIndexOf(decimalSeparator);
    const digitsAfter = compact.length - position - 1;
    const onlySeparator = !compact.includes(decimalSeparator === ',' ? '.' : ',');
    const occurrences = compact.split(decimalSeparator).length - 1;
    // "1,234" or "1.234": thousands or decimals? Three digits after a single separator is most likely thousands.
    const isThousands = onlySeparator && (occurrences > 1 || digitsAfter === 3);
    if (onlySeparator && occurrences === 1 && digitsAfter === 3) confidence = 0.6;
    if (!isThousands) {
      integerPart = compact.slice(0, position);
      fraction = compact.slice(position + 1);
    }
  }
  const digits = integerPart.replace(/[.,]/g, '');
  if (!/^-?\d+$/.test(digits) || (fraction !== '' && !/^\d+$/.test(fraction))) return null;
  return { value: fraction ? `${digits}.${fraction}` : digits, confidence };
}

const require = createRequire(import.meta.url);
let englishRegistered = false;

/** `DE`, `Germany`, `Federal Republic of Germany` → `DE`; null when the text names no country. */
export function readCountry(text: string): Reading | null {
  const trimmed = text.trim().replace(/[.,;]+$/, '');
  if (/^[A-Z]{2}$/.test(trimmed)) return { value: trimmed, confidence: 0.9 };
  if (!englishRegistered) {
    countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
    englishRegistered = true;
  }
  const code = countries.getAlpha2Code(trimmed, 'en');
  return code ? { value: code, confidence: 0.85 } : null;
}
