import { parseDocument } from '../documents/parsers/index.js';
import type { ParseOutcome } from '../documents/parsers/types.js';
import { sniffContentType, type SniffedContent } from '../documents/sniff.js';
import { runRules } from './engine.js';
import {
  summarize, type CheckContext, type CheckInput, type CheckResult, type CheckStatus, type DocumentType, type Finding,
} from './types.js';

export type { CheckContext, CheckInput, CheckResult, DocumentType, Finding } from './types.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function result(contentType: string | null, documentType: DocumentType, status: CheckStatus, findings: Finding[]): CheckResult {
  // Stable order for people and diffs: errors first, then by where they point.
  const sorted = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
  return { contentType, documentType, status, findings: sorted, summary: summarize(sorted) };
}

function failed(contentType: string | null, documentType: DocumentType, ruleId: string, message: string, hint: string): CheckResult {
  return result(contentType, documentType, 'failed', [{ rule_id: ruleId, severity: 'error', message, path: '', hint }]);
}

/**
 * The one entry point of the compliance check, shared by the API worker and `cargolint lint`. It decides the
 * content type from the bytes, reads the document into the canonical model and runs the rules. It never throws:
 * unreadable input becomes a `failed` result whose finding says why.
 */
export async function checkDocument(input: CheckInput, ctx: CheckContext = {}): Promise<CheckResult> {
  const declaredType = input.declaredType;
  let content: SniffedContent | null = null;
  try {
    if (input.bytes.length === 0) {
      return failed(null, declaredType ?? 'unknown', 'document.unreadable', `${input.filename || 'The file'} is empty.`, 'Upload the document again.');
    }
    content = await sniffContentType(input.bytes);
    if (!content) {
      return failed(null, declaredType ?? 'unknown', 'document.unsupported-type',
        `${input.filename || 'The file'} is not JSON, PDF, PNG, JPEG or TIFF.`, 'Export the document as PDF or as CargoLint JSON.');
    }
    const parsed: ParseOutcome = await parseDocument(input.bytes, content, declaredType);
    const documentType = declaredType && declaredType !== 'unknown' && !parsed.document ? declaredType : parsed.document?.documentType ?? parsed.detectedType;
    if (!parsed.document) {
      const status: CheckStatus = parsed.needsReview ? 'requires_review' : 'failed';
      return result(content.contentType, documentType, status, parsed.findings);
    }
    const findings = [...parsed.findings, ...runRules(parsed.document, ctx)];
    return result(content.contentType, documentType, parsed.needsReview ? 'requires_review' : 'processed', findings);
  } catch (error) {
    // A bug in a reader must not take the worker down; the document is marked failed with the reason.
    return failed(content?.contentType ?? null, declaredType ?? 'unknown', 'document.internal-error',
      `The document could not be checked because of an internal error: ${error instanceof Error ? error.message : String(error)}.`,
      'Try again later; if it persists, report the document to support.');
  }
}
