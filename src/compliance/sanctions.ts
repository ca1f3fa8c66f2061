import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SanctionedCountry {
  country: string;
  reason: string;
}

export interface SanctionsList {
  asOf: string;
  source: string;
  embargoed: ReadonlyMap<string, SanctionedCountry>;
  restricted: ReadonlyMap<string, SanctionedCountry>;
  /** Set when a configured list could not be used and the built-in one was used instead. */
  loadError?: string;
}

/**
 * Built-in screening list: a starting point, not legal advice. "Embargoed" = comprehensive country-wide embargoes
 * (US/EU/UN) under which ordinary trade is prohibited; "restricted" = countries under sectoral sanctions, arms
 * embargoes or export-control regimes where a shipment needs a licence check. Operators replace it with their
 * own dated list through `embargoListFile`; the `as_of` date is printed with every finding so stale lists show.
 */
const DEFAULT_LIST = {
  as_of: '2025-07-01',
  source: 'CargoLint built-in list (US OFAC / EU / UN country programmes, summarised)',
  embargoed: [
    { country: 'CU', reason: 'US comprehensive embargo on Cuba' },
    { country: 'IR', reason: 'US comprehensive sanctions and UN/EU restrictions on Iran' },
    { country: 'KP', reason: 'UN, EU and US comprehensive sanctions on North Korea' },
  ],
  restricted: [
    'AF', 'BY', 'CD', 'CF', 'IQ', 'LB', 'LY', 'ML', 'MM', 'NI', 'RU', 'SD', 'SO', 'SS', 'SY', 'VE', 'YE', 'ZW',
  ].map((country) => ({ country, reason: 'sectoral sanctions, arms embargo or export-control regime in force' })),
};

function entries(raw: unknown, label: string): Map<string, SanctionedCountry> {
  if (!Array.isArray(raw)) throw new Error(`"${label}" must be an array`);
  const map = new Map<string, SanctionedCountry>();
  for (const item of raw) {
    const entry = typeof item === 'string' ? { country: item, reason: '' } : (item as Partial<SanctionedCountry>);
    if (typeof entry?.country !== 'string' || !/^[A-Z]{2}$/.test(entry.country)) {
      throw new Error(`"${label}" entries must be ISO 3166 alpha-2 codes, got ${JSON.stringify(item)}`);
    }
    map.set(entry.country, { country: entry.country, reason: typeof entry.reason === 'string' ? entry.reason : '' });
  }
  return map;
}

export function parseSanctionsList(raw: unknown, source: string): SanctionsList {
  const object = raw as { as_of?: unknown; source?: unknown; embargoed?: unknown; restricted?: unknown };
  if (typeof object?.as_of !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(object.as_of)) {
    throw new Error('"as_of" must be a YYYY-MM-DD date');
  }
  return {
    asOf: object.as_of,
    source: typeof object.source === 'string' ? object.source : source,
    embargoed: entries(object.embargoed ?? [], 'embargoed'),
    restricted: entries(object.restricted ?? [], 'restricted'),
  };
}

export const BUILT_IN_SANCTIONS: SanctionsList = parseSanctionsList(DEFAULT_LIST, DEFAULT_LIST.source);

const loaded = new Map<string, SanctionsList>();

/** The configured list, read once per path; a broken file falls back to the built-in list and says why. */
export function sanctionsListFor(file: string | undefined): SanctionsList {
  if (!file) return BUILT_IN_SANCTIONS;
  const path = resolve(file);
  let list = loaded.get(path);
  if (!list) {
    try {
      list = parseSanctionsList(JSON.parse(readFileSync(path, 'utf8')), path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      list = { ...BUILT_IN_SANCTIONS, loadError: `embargo list ${path} could not be used (${reason})` };
    }
    loaded.set(path, list);
  }
  return list;
}
