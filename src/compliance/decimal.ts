import { Decimal } from 'decimal.js';
import type { Field } from './model.js';

/** Exact decimals only: "1234.50" or "-3", never exponents or thousands separators (those are parser work). */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export function toDecimal(field: Field | undefined): Decimal | null {
  if (!field || !DECIMAL_TEXT.test(field.value)) return null;
  return new Decimal(field.value);
}

export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function sumOf(values: ReadonlyArray<Decimal>): Decimal {
  return values.reduce((total, value) => total.plus(value), new Decimal(0));
}

export { Decimal };
