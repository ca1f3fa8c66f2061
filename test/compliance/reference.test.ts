import { describe, expect, it } from 'vitest';
import { parseHsSubheadings } from '../../src/compliance/reference/hs2022.js';
import { referenceDataFor, ReferenceUnavailableError } from '../../src/compliance/reference/index.js';
import { parseLocodeList, parsePortFunctions } from '../../src/compliance/reference/unlocode.js';
import { HAS_REFERENCE, REFERENCE_DIR } from './support/fixtures.js';

describe('reference data parsers', () => {
  it('keeps 6-digit HS subheadings and drops the Comtrade TOTAL and chapter 99 rows', () => {
    const csv = [
      'section,hscode,description,parent,level',
      'I,01,Animals; live,TOTAL,2',
      'I,010121,"Horses; live, pure-bred breeding animals",0101,6',
      'TOTAL,999999,Commodities not specified according to kind,9999,6',
      'TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5',
      'XXI,970600,"Antiques; of an age exceeding one hundred years",9706,6',
    ].join('\n');
    expect([...parseHsSubheadings(csv)]).toEqual(['010121', '970600']);
  });

  it('reads LOCODE lists and keeps only port entries from the port file', () => {
    expect(parseLocodeList('ADALV\r\nADCAN\n\n')).toEqual(new Set(['ADALV', 'ADCAN']));
    const ports = parsePortFunctions(JSON.stringify({ DEHAM: { fn: '12345---' }, DEMUC: { fn: '-2345---' } }));
    expect([...ports.keys()]).toEqual(['DEHAM']);
  });
});

describe.skipIf(!HAS_REFERENCE)('reference data folder', () => {
  it('loads HS 2022 and UN/LOCODE once per folder', () => {
    const data = referenceDataFor(REFERENCE_DIR);
    expect(referenceDataFor(`${REFERENCE_DIR}/`)).toBe(data);
    const subheadings = data.hsSubheadings();
    expect(subheadings.size).toBeGreaterThan(5000);
    expect(subheadings.has('640510')).toBe(true);
    expect([...subheadings].some((code) => code.startsWith('99') || code.startsWith('77'))).toBe(false);
    expect(data.hsSubheadings()).toBe(subheadings);
    expect(data.locodes().has('DEHAM')).toBe(true);
    expect(data.ports().has('DEHAM')).toBe(true);
    expect(data.ports().has('DEMUC')).toBe(false);
  });

  it('raises a ReferenceUnavailableError for a folder without data, remembering the failure', () => {
    const data = referenceDataFor('/nonexistent/cargolint-reference');
    expect(() => data.locodes()).toThrow(ReferenceUnavailableError);
    expect(() => data.locodes()).toThrow(/UN\/LOCODE code list could not be loaded/);
  });
});
