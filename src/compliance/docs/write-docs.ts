/**
 * Regenerates docs/rules.md and the schema/example blocks of docs/document-format.md:
 *   npx tsx src/compliance/docs/write-docs.ts
 * test/compliance/docs.test.ts fails when the committed docs differ from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CARGOLINT_SCHEMAS } from '../../documents/parsers/json/cargolint-schemas.js';
import { ALL_RULES } from '../rules/index.js';
import { DOCUMENT_TYPES, type KnownDocumentType } from '../types.js';
import { fillFormatDoc } from './format-doc.js';
import { renderRulesMarkdown } from './rules-doc.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function exampleFiles(root: string): Record<KnownDocumentType, string> {
  return Object.fromEntries(DOCUMENT_TYPES.map((type) => [
    type, readFileSync(resolve(root, 'test/fixtures/compliance', `${type.replace(/_/g, '-')}.json`), 'utf8'),
  ])) as Record<KnownDocumentType, string>;
}

export function writeDocs(root: string = REPO_ROOT): void {
  writeFileSync(resolve(root, 'docs/rules.md'), renderRulesMarkdown(ALL_RULES));
  const formatPath = resolve(root, 'docs/document-format.md');
  writeFileSync(formatPath, fillFormatDoc(readFileSync(formatPath, 'utf8'), CARGOLINT_SCHEMAS, exampleFiles(root)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeDocs();
