import type { Principal } from '../accounts/accounts.service.js';
import type { DocumentType } from '../compliance/types.js';
import type { AppContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { insertRows, insertTogether, insertTogetherIfUpdated } from '../db/insert-rows.js';
import type { FindingsTable } from '../db/schema.js';
import { storableText } from '../db/storable-text.js';
import { emit, planEvent, type EmitInput } from '../events/emit.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { newJobRows } from '../jobs/jobs.repository.js';
import { ACCEPTED_CONTENT_TYPES, serializeDocument, serializeFinding } from './document.js';
import * as repo from './document.repository.js';
import { sniffContentType } from './sniff.js';
import { sha256Of } from './storage.js';

export const PROCESS_DOCUMENT_TASK = 'process_document';
/** compliance.warning carries the findings inline; beyond this many the receiver fetches the document. */
const MAX_FINDINGS_IN_EVENT = 200;
/** Control characters in a file name serve no one (and PostgreSQL's text cannot hold U+0000). */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

type FindingFields = Omit<FindingsTable, 'document_id' | 'position'>;

export interface UploadInput {
  bytes: Buffer;
  filename: string;
  declaredType: string | null;
  batchId: string | null;
}

/**
 * The bytes are made durable first (or, for a small file, in the same transaction), then one transaction records the document, its `document.uploaded` event with
 * deliveries, and the processing job: an accepted upload is never lost and never announced before it is stored.
 */
export async function uploadDocument(ctx: AppContext, principal: Principal, input: UploadInput) {
  const sniffed = await sniffContentType(input.bytes);
  if (!sniffed) {
    throw new AppError('unsupported_media_type', `This file is not a supported document. Accepted types: ${ACCEPTED_CONTENT_TYPES.join(', ')} (the type is read from the bytes, not the name).`, {
      errors: [{ path: 'file', message: `must be one of ${ACCEPTED_CONTENT_TYPES.join(', ')}` }],
    });
  }
  // A small file is written in the transaction below; a large one is made durable on its own first.
  const inline = input.bytes.length <= ctx.blobs.inlineLimitBytes;
  const stored = inline ? { sha256: sha256Of(input.bytes), size: input.bytes.length } : await ctx.blobs.put(input.bytes);
  const now = Date.now();
  const row = {
    id: newId('doc', now), organization_id: principal.organizationId, filename: input.filename.replace(CONTROL_CHARACTERS, '_').slice(0, 255) || 'document',
    content_type: sniffed.contentType, size_bytes: stored.size, sha256: stored.sha256,
    document_type: input.declaredType ?? 'unknown', declared_type: input.declaredType, batch_id: input.batchId,
    status: 'processing', uploaded_at: now, processed_at: null, summary_errors: null, summary_warnings: null, summary_infos: null, deleted_at: null,
  };
  // The blob (when small), the document, its event and deliveries, and the processing job: one unit of work.
  const record = async (db: DbOrTrx) => {
    const event = await planEvent(db, { organizationId: principal.organizationId, type: 'document.uploaded', data: { document: serializeDocument(row) } });
    await insertTogether(db, [
      ...(inline ? [ctx.blobs.inlineRows(input.bytes, stored.sha256)] : []),
      { table: 'documents', rows: [row] },
      ...event.rows,
      newJobRows({ task: PROCESS_DOCUMENT_TASK, payload: { document_id: row.id }, maxAttempts: 5 }),
    ]);
  };
  // On PostgreSQL the inserts are one statement, atomic without BEGIN and COMMIT (two round trips fewer); SQLite
  // needs the transaction, where it shares a commit with the other writes of its event-loop turn.
  await (ctx.handle.dialect === 'postgres' ? record(ctx.db) : ctx.transact(record));
  ctx.wakeups.notify('deliveries');
  ctx.wakeups.notify('jobs');
  return serializeDocument(row);
}

export async function getDocument(ctx: AppContext, principal: Principal, id: string) {
  const doc = await repo.findDocument(ctx.db, principal.organizationId, id);
  if (!doc) throw notFound('Document');
  const findings = doc.status === 'processing' ? undefined : await repo.listFindings(ctx.db, [id]);
  return serializeDocument(doc, findings);
}

export async function getDocumentContent(ctx: AppContext, principal: Principal, id: string) {
  const doc = await repo.findDocument(ctx.db, principal.organizationId, id);
  if (!doc) throw notFound('Document');
  const bytes = await ctx.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('internal', 'The stored file is missing');
  return { doc, bytes };
}

export async function deleteDocument(ctx: AppContext, principal: Principal, id: string) {
  const doc = await repo.findDocument(ctx.db, principal.organizationId, id);
  if (!doc) throw notFound('Document');
  await repo.softDeleteDocument(ctx.db, id, Date.now());
}

/** The processing job: never throws for a bad document (that is a `failed` status with a finding), only for infrastructure. */
export async function processDocument(ctx: AppContext, documentId: string) {
  const doc = await repo.findDocumentWithInlineContent(ctx.db, documentId);
  if (!doc || doc.status !== 'processing') return;
  const bytes = doc.inline_content ? Buffer.from(doc.inline_content) : await ctx.blobs.get(doc.sha256);
  if (!bytes) throw new Error(`blob ${doc.sha256} of ${doc.id} is missing`);
  // Loaded on first use: the engine and its PDF reader are heavy and the API-only process may never need them.
  const { checkDocument } = await import('../compliance/check.js');
  const result = await checkDocument(
    { bytes, filename: doc.filename, declaredType: (doc.declared_type ?? undefined) as DocumentType | undefined },
    { referenceDir: ctx.config.referenceDir ?? undefined, embargoListFile: ctx.config.embargoListFile ?? undefined },
  );
  const now = Date.now();
  const changes: repo.ProcessedChanges = {
    status: result.status, document_type: doc.declared_type ?? result.documentType, processed_at: now,
    summary_errors: result.summary.errors, summary_warnings: result.summary.warnings, summary_infos: result.summary.infos,
  };
  const { inline_content: _bytes, ...stored } = doc;
  // Messages and paths quote the document, which may hold U+0000; PostgreSQL's text cannot.
  const findings = result.findings.map((f) => ({
    rule_id: f.rule_id, severity: f.severity, message: storableText(f.message), path: storableText(f.path), hint: f.hint === undefined ? null : storableText(f.hint),
  }));
  const warning = result.summary.errors + result.summary.warnings === 0 ? null
    : complianceWarning({ ...stored, ...changes }, findings, result.summary);
  const emitted = ctx.handle.dialect === 'postgres'
    ? await recordProcessedInOneStatement(ctx, doc.id, changes, findings, warning)
    : await ctx.transact(async (trx) => {
      const updated = await repo.markProcessed(trx, doc.id, changes);
      if (Number(updated.numUpdatedRows) === 0) return false; // another worker finished it first
      await insertRows(trx, 'findings', findingRows(doc.id, findings));
      if (!warning) return false;
      await emit(trx, warning);
      return true;
    });
  ctx.metrics.documentsProcessed.inc({ status: result.status });
  if (emitted) ctx.wakeups.notify('deliveries');
}

/** compliance.warning: the processed document with its findings inline, up to MAX_FINDINGS_IN_EVENT. */
function complianceWarning(doc: Parameters<typeof serializeDocument>[0], findings: FindingFields[], summary: unknown): EmitInput {
  const serialized = findings.map((f, position) => serializeFinding({ ...f, document_id: doc.id, position }));
  return {
    organizationId: doc.organization_id, type: 'compliance.warning',
    data: {
      document: serializeDocument(doc),
      findings: serialized.slice(0, MAX_FINDINGS_IN_EVENT),
      ...(serialized.length > MAX_FINDINGS_IN_EVENT ? { findings_truncated: true } : {}),
      summary,
    },
  };
}

/**
 * A document's findings in report order. A document leaves `processing` only in processDocument, together with its
 * findings and only if it was still `processing`, so there are never findings to replace.
 */
const findingRows = (documentId: string, findings: FindingFields[]) =>
  findings.map((f, position) => ({ document_id: documentId, position, ...f }));

/**
 * PostgreSQL: the status, the findings and the compliance.warning with its deliveries in one statement (one round
 * trip instead of five or more with BEGIN and COMMIT); the findings and the event are written only if the document
 * was still `processing`. Returns whether an event was written.
 */
async function recordProcessedInOneStatement(ctx: AppContext, documentId: string, changes: repo.ProcessedChanges, findings: FindingFields[], warning: EmitInput | null) {
  const event = warning ? await planEvent(ctx.db, warning) : null;
  const changed = await insertTogetherIfUpdated(ctx.db, repo.markProcessedGuard(ctx.db, documentId, changes), [
    { table: 'findings', rows: findingRows(documentId, findings) },
    ...(event?.rows ?? []),
  ]);
  return changed > 0 && event !== null;
}
