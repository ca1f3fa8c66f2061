/**
 * IATA air waybill numbers: 3-digit airline prefix + 8-digit serial whose last digit is the first seven digits
 * modulo 7. Written as `176-12345675` or `17612345675`.
 */
export interface AwbParts {
  prefix: string;
  serial: string;
}

export function parseAwbNumber(raw: string): AwbParts | null {
  const match = /^(\d{3})[\s-]?(\d{4})\s?(\d{4})$/.exec(raw.trim());
  if (!match) return null;
  return { prefix: match[1], serial: match[2] + match[3] };
}

export function isValidAwbSerial(serial: string): boolean {
  if (!/^\d{8}$/.test(serial)) return false;
  return Number(serial.slice(0, 7)) % 7 === Number(serial[7]);
}
