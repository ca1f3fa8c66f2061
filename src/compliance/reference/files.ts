/** File names inside CARGOLINT_REFERENCE_DIR; see the folder's PROVENANCE.md for sources and licences. */
export const HS_2022_FILE = 'hs2022-harmonized-system.csv';
export const UNLOCODE_ALL_FILE = 'unlocode-all-codes.txt';
export const UNLOCODE_PORTS_FILE = 'unlocode-ports.json';
