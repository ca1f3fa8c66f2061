import { isValidAwbSerial, parseAwbNumber } from '../codes/iata-awb.js';
import { findingAt, type Rule } from '../rule.js';

export const awbNumber: Rule = {
  id: 'awb.number',
  severity: 'error',
  description: 'The air waybill number is a 3-digit airline prefix plus an 8-digit serial whose last digit is the first seven modulo 7.',
  rationale: 'Airlines and handlers reject AWB numbers that fail the IATA check; the shipment cannot be booked or tracked.',
  check(doc) {
    const field = doc.transport.awbNumber;
    if (!field) return [];
    const parts = parseAwbNumber(field.value);
    if (!parts) {
      return [findingAt(this, field, `"${field.value}" is not an air waybill number.`, { hint: 'Expected 3 + 8 digits, e.g. 176-12345675.' })];
    }
    if (isValidAwbSerial(parts.serial)) return [];
    const expected = Number(parts.serial.slice(0, 7)) % 7;
    return [findingAt(this, field, `Air waybill ${field.value} fails the IATA check: the last digit should be ${expected}.`, {
      hint: 'The check digit is the first seven digits of the serial modulo 7.',
    })];
  },
};
