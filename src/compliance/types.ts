/** Public types of the compliance check: shared by the API worker, the CLI and the rules. */

export const DOCUMENT_TYPES = [
  'commercial_invoice',
  'packing_list',
  'bill_of_lading',
  'certificate_of_origin',
  'air_waybill',
  'dangerous_goods_declaration',
] as const;

export type KnownDocumentType = (typeof DOCUMENT_TYPES)[number];
export type DocumentType = KnownDocumentType | 'unknown';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule_id: string;
  severity: Severity;
  message: string;
  /** JSON pointer (`/lines/0/hs_code`) for JSON input, `page 2, line 14` for PDF, `` for the whole document. */
  path: string;
  hint?: string;
}

export type CheckStatus = 'processed' | 'requires_review' | 'failed';

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckInput {
  bytes: Buffer;
  /** Only used in messages: the content decides how the file is read, never its name. */
  filename: string;
  declaredType?: DocumentType;
}

export interface CheckContext {
  /** Folder with the HS 2022 and UN/LOCODE files (CARGOLINT_REFERENCE_DIR). */
  referenceDir?: string;
  /** "Today" for date rules; defaults to the real clock. */
  now?: Date;
  /** JSON file that replaces the built-in embargo/restriction list. */
  embargoListFile?: string;
}

export interface CheckResult {
  contentType: string | null;
  documentType: DocumentType;
  status: CheckStatus;
  findings: Finding[];
  summary: FindingSummary;
}

export function isKnownDocumentType(value: unknown): value is KnownDocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const summary: FindingSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors += 1;
    else if (finding.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
  return summary;
}
