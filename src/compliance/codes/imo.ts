/** IMO ship identification numbers: 7 digits, the last one a weighted check (weights 7..2 over the first six). */
export function normalizeImoNumber(raw: string): string {
  return raw.trim().replace(/^IMO\s*/i, '');
}

export function isValidImoNumber(candidate: string): boolean {
  if (!/^\d{7}$/.test(candidate)) return false;
  let sum = 0;
  for (let index = 0; index < 6; index += 1) sum += Number(candidate[index]) * (7 - index);
  return sum % 10 === Number(candidate[6]);
}
