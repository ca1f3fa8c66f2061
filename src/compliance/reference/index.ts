import { resolve } from 'node:path';
import { loadHsSubheadings } from './hs2022.js';
import { loadLocodes, loadPortFunctions } from './unlocode.js';

/**
 * Reference data of one folder. Each data set is read on first use and kept for the life of the process, so a
 * benchmark that lints thousands of documents pays the parsing once and rules only do Set/Map look-ups.
 */
export interface ReferenceData {
  readonly dir: string;
  hsSubheadings(): ReadonlySet<string>;
  locodes(): ReadonlySet<string>;
  /** LOCODE → UN/LOCODE function string, only for entries that are ports. */
  ports(): ReadonlyMap<string, string>;
}

const byDirectory = new Map<string, ReferenceData>();

/** Raised by a data set that cannot be read; the engine turns it into one `reference.unavailable` finding. */
export class ReferenceUnavailableError extends Error {}

/** Loads once; a failure is remembered too, so a missing file costs one failed read, not one per document. */
function once<T>(describe: string, load: () => T): () => T {
  let loaded: { value: T } | { error: ReferenceUnavailableError } | null = null;
  return () => {
    if (!loaded) {
      try {
        loaded = { value: load() };
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        loaded = { error: new ReferenceUnavailableError(`${describe} could not be loaded: ${reason}`) };
      }
    }
    if ('error' in loaded) throw loaded.error;
    return loaded.value;
  };
}

export function referenceDataFor(referenceDir: string): ReferenceData {
  const dir = resolve(referenceDir);
  let data = byDirectory.get(dir);
  if (!data) {
    data = {
      dir,
      hsSubheadings: once('HS 2022 nomenclature', () => loadHsSubheadings(dir)),
      locodes: once('UN/LOCODE code list', () => loadLocodes(dir)),
      ports: once('UN/LOCODE port list', () => loadPortFunctions(dir)),
    };
    byDirectory.set(dir, data);
  }
  return data;
}
