/** Legal Entity Identifiers (ISO 17442): 20 alphanumerics whose ISO 7064 MOD 97-10 remainder is 1. */
const LEI_PATTERN = /^[A-Z0-9]{18}\d{2}$/;

export function isLeiFormat(candidate: string): boolean {
  return LEI_PATTERN.test(candidate);
}

export function isValidLei(candidate: string): boolean {
  if (!isLeiFormat(candidate)) return false;
  // Letters become two-digit numbers (A=10 … Z=35); the remainder is folded chunk by chunk to stay within
  // safe integers instead of building a 40-digit BigInt for every party.
  let remainder = 0;
  for (const char of candidate) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
