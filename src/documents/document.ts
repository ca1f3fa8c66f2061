import type { DocumentsTable, FindingsTable } from '../db/schema.js';
import { iso } from '../ids.js';

export const DOCUMENT_TYPES = ['commercial_invoice', 'packing_list', 'bill_of_lading', 'certificate_of_origin', 'air_waybill', 'dangerous_goods_declaration', 'unknown'] as const;
export const DOCUMENT_STATUSES = ['processing', 'processed', 'requires_review', 'failed'] as const;
export const ACCEPTED_CONTENT_TYPES = ['application/json', 'application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;
export const BATCH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const serializeFinding = (f: FindingsTable) => ({
  rule_id: f.rule_id, severity: f.severity, message: f.message, path: f.path, ...(f.hint ? { hint: f.hint } : {}),
});

export function serializeDocument(d: DocumentsTable, findings?: FindingsTable[]) {
  const processed = d.summary_errors !== null;
  return {
    id: d.id, filename: d.filename, content_type: d.content_type, size_bytes: Number(d.size_bytes), sha256: d.sha256,
    document_type: d.document_type, batch_id: d.batch_id, status: d.status, uploaded_at: iso(d.uploaded_at), processed_at: iso(d.processed_at),
    summary: processed ? { errors: d.summary_errors ?? 0, warnings: d.summary_warnings ?? 0, infos: d.summary_infos ?? 0 } : null,
    ...(findings ? { findings: findings.map(serializeFinding) } : {}),
  };
}

/** A name safe in any unzip tool: no directories, no control or reserved characters, unique within the archive. */
export function safeArchiveName(filename: string, used: Set<string>): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  let clean = base.replace(/[^\w.\- ()]+/g, '_').replace(/^[.\s]+/, '').slice(0, 150) || 'document';
  if (clean.toLowerCase() === 'findings.json') clean = `document-${clean}`;
  const dot = clean.lastIndexOf('.');
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  const ext = dot > 0 ? clean.slice(dot) : '';
  let candidate = clean;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
