import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillFormatDoc } from '../../src/compliance/docs/format-doc.js';
import { renderRulesMarkdown } from '../../src/compliance/docs/rules-doc.js';
import { SYSTEM_FINDINGS } from '../../src/compliance/docs/system-findings.js';
import { exampleFiles } from '../../src/compliance/docs/write-docs.js';
import { ALL_RULES } from '../../src/compliance/rules/index.js';
import { DOCUMENT_TYPES } from '../../src/compliance/types.js';
import { CARGOLINT_SCHEMAS } from '../../src/documents/parsers/json/cargolint-schemas.js';
import { parseJsonDocument } from '../../src/documents/parsers/json/json-parser.js';
import { REPO_ROOT } from './support/fixtures.js';

const REGENERATE = 'run `npx tsx src/compliance/docs/write-docs.ts` and commit the result';
const read = (path: string) => readFileSync(resolve(REPO_ROOT, path), 'utf8');

describe('docs/rules.md', () => {
  const doc = read('docs/rules.md');
  it('lists every rule id and every non-rule finding id', () => {
    for (const rule of ALL_RULES) expect(doc, rule.id).toContain(`## ${rule.id}\n`);
    for (const finding of SYSTEM_FINDINGS) expect(doc, finding.id).toContain(`\`${finding.id}\``);
  });
  it(`is generated from the rule registry (${REGENERATE})`, () => {
    expect(doc).toBe(renderRulesMarkdown(ALL_RULES));
  });
});

describe('docs/document-format.md', () => {
  const doc = read('docs/document-format.md');
  it(`publishes the current schema and example of every document type (${REGENERATE})`, () => {
    expect(doc).toBe(fillFormatDoc(doc, CARGOLINT_SCHEMAS, exampleFiles(REPO_ROOT)));
    for (const type of DOCUMENT_TYPES) {
      expect(doc).toContain(`<!-- schema:${type} -->\n\`\`\`json\n{`);
      expect(doc).toContain(`<!-- example:${type} -->\n\`\`\`json\n{`);
    }
  });
  it('shows examples that parse without any finding', () => {
    for (const match of doc.matchAll(/<!-- example:([a-z_]+) -->\n```json\n([\s\S]*?)\n```/g)) {
      const outcome = parseJsonDocument(Buffer.from(match[2]));
      expect(outcome.findings, match[1]).toEqual([]);
      expect(outcome.detectedType).toBe(match[1]);
    }
  });
  it('names every finding that readers emit', () => {
    const emitted = ['document.unreadable', 'document.unsupported-type', 'document.unrecognized-format', 'document.schema', 'document.ocr-unavailable', 'pdf.needs-review', 'pdf.low-confidence'];
    for (const id of emitted) expect(SYSTEM_FINDINGS.map((finding) => finding.id)).toContain(id);
  });
});
