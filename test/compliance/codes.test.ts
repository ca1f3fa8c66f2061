import { describe, expect, it } from 'vitest';
import { isIsoCountryCode } from '../../src/compliance/codes/country.js';
import { currencyInfo } from '../../src/compliance/codes/currency.js';
import { isHsCodeFormat, normalizeHsCode } from '../../src/compliance/codes/hs-code.js';
import { isValidAwbSerial, parseAwbNumber } from '../../src/compliance/codes/iata-awb.js';
import { isValidImoNumber } from '../../src/compliance/codes/imo.js';
import { containerCheckDigit, isValidContainerNumber, normalizeContainerNumber } from '../../src/compliance/codes/iso6346.js';
import { isValidLei } from '../../src/compliance/codes/lei.js';
import { isUnlocodeFormat } from '../../src/compliance/codes/unlocode.js';

describe('ISO 6346 container numbers', () => {
  it.each(['CSQU3054383', 'NARU3472484', 'TGHU9786120'])('accepts %s', (number) => {
    expect(isValidContainerNumber(number)).toBe(true);
  });
  it.each(['TGHU9786121', 'MSKU7750847', 'CSQX3054383', 'CSQU305438', 'csqu3054383'])('rejects %s', (number) => {
    expect(isValidContainerNumber(number)).toBe(false);
  });
  it('skips multiples of 11 in the letter values (B=12, L=23, V=34)', () => {
    // With A=10, B=11 the check digit of BBBU0000000 would differ; this pins the skipping.
    expect(containerCheckDigit('AAAU000000')).toBe(((10 + 20 + 40 + 32 * 8) % 11) % 10);
    expect(containerCheckDigit('BBBU000000')).toBe(((12 + 24 + 48 + 32 * 8) % 11) % 10);
  });
  it('normalises spaced and dashed spellings', () => {
    expect(normalizeContainerNumber('csqu 305438-3')).toBe('CSQU3054383');
  });
});

describe('IMO ship numbers', () => {
  it.each(['9811000', '9321483'])('accepts %s', (imo) => expect(isValidImoNumber(imo)).toBe(true));
  it.each(['9811001', '9321484', '932148', 'IMO9321'])('rejects %s', (imo) => expect(isValidImoNumber(imo)).toBe(false));
});

describe('IATA air waybill numbers', () => {
  it('splits prefix and serial in the usual spellings', () => {
    expect(parseAwbNumber('176-12345675')).toEqual({ prefix: '176', serial: '12345675' });
    expect(parseAwbNumber('176 1234 5675')).toEqual({ prefix: '176', serial: '12345675' });
    expect(parseAwbNumber('17612345675')).toEqual({ prefix: '176', serial: '12345675' });
    expect(parseAwbNumber('176-123')).toBeNull();
  });
  it('checks the serial modulo 7', () => {
    expect(isValidAwbSerial('12345675')).toBe(true);
    expect(isValidAwbSerial('12345676')).toBe(false);
  });
});

describe('LEI (ISO 17442, MOD 97-10)', () => {
  it('accepts valid identifiers', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(isValidLei('529900T8BM49AURSDO55')).toBe(true);
  });
  it('rejects a changed character or a wrong length', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
  });
});

describe('country, currency, HS and LOCODE formats', () => {
  it('accepts upper-case ISO 3166 alpha-2 codes only', () => {
    expect(isIsoCountryCode('DE')).toBe(true);
    expect(isIsoCountryCode('de')).toBe(false);
    expect(isIsoCountryCode('XX')).toBe(false);
  });
  it('knows minor units of currencies', () => {
    expect(currencyInfo('JPY')?.minorUnits).toBe(0);
    expect(currencyInfo('KWD')?.minorUnits).toBe(3);
    expect(currencyInfo('EUR')?.minorUnits).toBe(2);
    expect(currencyInfo('XAU')?.minorUnits).toBeNull();
    expect(currencyInfo('ABC')).toBeNull();
  });
  it('reads HS codes of 6, 8 and 10 digits with dots', () => {
    expect(isHsCodeFormat(normalizeHsCode('8471.30'))).toBe(true);
    expect(isHsCodeFormat(normalizeHsCode('8471.30.01.00'))).toBe(true);
    expect(isHsCodeFormat(normalizeHsCode('8471'))).toBe(false);
    expect(isHsCodeFormat(normalizeHsCode('8471301'))).toBe(false);
  });
  it('accepts LOCODEs with digits 2-9 but not 0 or 1', () => {
    expect(isUnlocodeFormat('DEHAM')).toBe(true);
    expect(isUnlocodeFormat('US2LA')).toBe(true);
    expect(isUnlocodeFormat('DEH0M')).toBe(false);
    expect(isUnlocodeFormat('HAMBURG')).toBe(false);
  });
});
