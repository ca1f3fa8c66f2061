/**
 * ISO 6346 freight container numbers: owner code (3 letters), category (U, J or Z), 6-digit serial, check digit.
 * Letters count from A=10 upward but skip multiples of 11 (so B=12, L=23, V=34…), because those values would
 * collide with the modulus and weaken the check.
 */
const CONTAINER_PATTERN = /^[A-Z]{3}[UJZ]\d{7}$/;

const LETTER_VALUES: ReadonlyMap<string, number> = (() => {
  const values = new Map<string, number>();
  let value = 10;
  for (let code = 65; code <= 90; code += 1) {
    if (value % 11 === 0) value += 1;
    values.set(String.fromCharCode(code), value);
    value += 1;
  }
  return values;
})();

export function isContainerNumberFormat(candidate: string): boolean {
  return CONTAINER_PATTERN.test(candidate);
}

/** Check digit over the first 10 characters; null when they are not letters/digits of the right shape. */
export function containerCheckDigit(firstTen: string): number | null {
  if (!/^[A-Z]{4}\d{6}$/.test(firstTen)) return null;
  let sum = 0;
  for (let position = 0; position < 10; position += 1) {
    const char = firstTen[position];
    const value = position < 4 ? LETTER_VALUES.get(char)! : Number(char);
    sum += value * 2 ** position;
  }
  return (sum % 11) % 10;
}

export function isValidContainerNumber(candidate: string): boolean {
  if (!isContainerNumberFormat(candidate)) return false;
  return containerCheckDigit(candidate.slice(0, 10)) === Number(candidate[10]);
}

/** Containers are often written with spaces or a dash before the check digit: `MSKU 775084-7`. */
export function normalizeContainerNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}
