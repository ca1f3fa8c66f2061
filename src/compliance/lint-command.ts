import { readFile } from 'node:fs/promises';
import { checkDocument } from './check.js';
import type { CheckResult, Finding } from './types.js';

export interface LintOptions {
  format: 'text' | 'json';
  referenceDir?: string;
  now?: Date;
  embargoListFile?: string;
}

export interface LintOutput {
  write(text: string): void;
}

interface FileReport extends CheckResult {
  file: string;
}

async function lintFile(file: string, options: LintOptions): Promise<FileReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    const finding: Finding = { rule_id: 'document.unreadable', severity: 'error', message: `Cannot read ${file}: ${reason}.`, path: '' };
    return { file, contentType: null, documentType: 'unknown', status: 'failed', findings: [finding], summary: { errors: 1, warnings: 0, infos: 0 } };
  }
  const result = await checkDocument(
    { bytes, filename: file },
    { referenceDir: options.referenceDir, now: options.now, embargoListFile: options.embargoListFile },
  );
  return { file, ...result };
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - text.length));
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** ESLint-like report: one block per file, one line per finding, hints indented under their finding. */
export function formatText(reports: readonly FileReport[]): string {
  let out = '';
  const totals = { errors: 0, warnings: 0, infos: 0 };
  for (const report of reports) {
    totals.errors += report.summary.errors;
    totals.warnings += report.summary.warnings;
    totals.infos += report.summary.infos;
    if (report.findings.length === 0) continue;
    out += `\n${report.file}  (${report.documentType}, ${report.status})\n`;
    const ruleWidth = Math.max(...report.findings.map((finding) => finding.rule_id.length)) + 2;
    const pathWidth = Math.min(40, Math.max(...report.findings.map((finding) => (finding.path || '-').length)) + 2);
    for (const finding of report.findings) {
      out += `  ${pad(finding.severity, 9)}${pad(finding.rule_id, ruleWidth)}${pad(finding.path || '-', pathWidth)}${finding.message}\n`;
      if (finding.hint) out += `  ${' '.repeat(9 + ruleWidth + pathWidth)}hint: ${finding.hint}\n`;
    }
  }
  const problems = totals.errors + totals.warnings;
  const mark = totals.errors > 0 ? '✖' : problems > 0 ? '⚠' : '✔';
  out += `\n${mark} ${plural(problems, 'problem')} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}) in ${plural(reports.length, 'file')}\n`;
  return out;
}

/**
 * Core of `cargolint lint FILE…`. Files are checked one after the other (PDF reading is CPU-bound, so parallelism
 * would not help on one core and would interleave memory peaks). Exit code 1 when any file has an error finding
 * (an unreadable file has one), else 0.
 */
export async function runLint(files: string[], options: LintOptions, out: LintOutput): Promise<number> {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await lintFile(file, options));
  if (options.format === 'json') {
    out.write(`${JSON.stringify(reports.map((report) => ({
      file: report.file,
      content_type: report.contentType,
      document_type: report.documentType,
      status: report.status,
      summary: report.summary,
      findings: report.findings,
    })), null, 2)}\n`);
  } else {
    out.write(formatText(reports));
  }
  return reports.some((report) => report.summary.errors > 0 || report.status === 'failed') ? 1 : 0;
}
