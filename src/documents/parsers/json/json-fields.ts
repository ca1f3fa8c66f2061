import type { DangerousGoods, Field, Party } from '../../../compliance/model.js';
import { escapePointerToken } from './json-schema.js';

/**
 * Lenient readers from parsed JSON into model fields. They never throw: a value of the wrong shape is simply
 * absent from the model (the schema check already reported it), so rules can run on whatever is usable.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((path, token) => `${path}/${escapePointerToken(token)}`, base);
}

/** Strings as given (trimmed); finite numbers turned into their shortest exact decimal text. */
export function textField(source: unknown, key: string, base: string): Field | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  const path = pointer(base, key);
  if (typeof value === 'string' && value.trim() !== '') return { value: value.trim(), path };
  if (typeof value === 'number' && Number.isFinite(value)) return { value: numberToDecimalString(value), path };
  return undefined;
}

export function booleanField(source: unknown, key: string, base: string): Field<boolean> | undefined {
  if (!isObject(source) || typeof source[key] !== 'boolean') return undefined;
  return { value: source[key] as boolean, path: pointer(base, key) };
}

export function objectAt(source: unknown, key: string): JsonObject | undefined {
  return isObject(source) && isObject(source[key]) ? (source[key] as JsonObject) : undefined;
}

export function arrayAt(source: unknown, key: string): unknown[] {
  return isObject(source) && Array.isArray(source[key]) ? (source[key] as unknown[]) : [];
}

/** Avoids exponent notation (1e-7) that a decimal parser would treat differently from the written number. */
export function numberToDecimalString(value: number): string {
  const plain = String(value);
  if (!/e/i.test(plain)) return plain;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

export function partyAt(source: unknown, key: string, base: string): Party | undefined {
  const object = objectAt(source, key);
  if (!object) return undefined;
  const path = pointer(base, key);
  return {
    path,
    name: textField(object, 'name', path),
    address: textField(object, 'address', path),
    country: textField(object, 'country', path),
    lei: textField(object, 'lei', path),
  };
}

export function dangerousGoodsAt(source: unknown, key: string, base: string): DangerousGoods | undefined {
  const object = objectAt(source, key);
  if (!object) return undefined;
  const path = pointer(base, key);
  return {
    path,
    unNumber: textField(object, 'un_number', path),
    hazardClass: textField(object, 'class', path),
    packingGroup: textField(object, 'packing_group', path),
    properShippingName: textField(object, 'proper_shipping_name', path),
  };
}
