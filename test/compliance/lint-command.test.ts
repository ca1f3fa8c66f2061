import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/compliance/lint-command.js';
import { FIXTURES_DIR, fixture, NOW, REFERENCE_DIR } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'cargolint-lint-'));
const clean = resolve(FIXTURES_DIR, 'packing-list.json');

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

async function lint(files: string[], format: 'text' | 'json' = 'text') {
  let output = '';
  const code = await runLint(files, { format, referenceDir: REFERENCE_DIR, now: NOW }, { write: (text) => { output += text; } });
  return { code, output };
}

describe('runLint', () => {
  it('exits 0 and prints a summary line for clean files', async () => {
    const { code, output } = await lint([clean]);
    expect(code).toBe(0);
    expect(output.trim()).toBe('✔ 0 problems (0 errors, 0 warnings, 0 infos) in 1 file');
  });

  it('groups findings per file with severity, rule, path, message and hint, and exits 1 on errors', async () => {
    const doc = fixture('packing_list');
    doc.containers[0].number = 'MSKU7750847';
    doc.lines[0].description = 'FAK';
    const broken = writeJson('broken.json', doc);
    const { code, output } = await lint([clean, broken]);
    expect(code).toBe(1);
    expect(output).not.toContain(clean);
    expect(output).toContain(`${broken}  (packing_list, processed)`);
    expect(output).toMatch(/ {2}error {4}container\.check-digit +\/containers\/0\/number +Container MSKU7750847 fails/);
    expect(output).toMatch(/ {2}warning {2}goods\.vague-description +\/lines\/0\/description +"FAK" is too vague/);
    expect(output).toMatch(/ {20,}hint: Re-read the number/);
    expect(output).toContain('✖ 5 problems (4 errors, 1 warning, 0 infos) in 2 files');
  });

  it('exits 0 on warnings only', async () => {
    const doc = fixture('packing_list');
    doc.lines[0].description = 'FAK';
    expect((await lint([writeJson('warn.json', doc)])).code).toBe(0);
  });

  it('exits 1 for unreadable and missing files', async () => {
    const truncated = writeJson('truncated.json', '{"document_type": "packing_list", ');
    const { code, output } = await lint([truncated, join(dir, 'missing.json')]);
    expect(code).toBe(1);
    expect(output).toContain('document.unreadable');
    expect(output).toContain('no such file');
  });

  it('prints one JSON array in json format', async () => {
    const doc = fixture('packing_list');
    doc.totals.packages = 61;
    const { code, output } = await lint([clean, writeJson('totals.json', doc)], 'json');
    expect(code).toBe(1);
    const reports = JSON.parse(output);
    expect(reports).toHaveLength(2);
    expect(reports[0]).toEqual({
      file: clean, content_type: 'application/json', document_type: 'packing_list', status: 'processed',
      summary: { errors: 0, warnings: 0, infos: 0 }, findings: [],
    });
    expect(reports[1].findings).toEqual([expect.objectContaining({ rule_id: 'packing.totals', path: '/totals/packages' })]);
  });
});
