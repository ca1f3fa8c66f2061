import type { DbOrTrx } from '../db/database.js';
import type { DocumentsTable } from '../db/schema.js';

export const findDocument = (db: DbOrTrx, organizationId: string, id: string) =>
  db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('id', '=', id)
    .where('deleted_at', 'is', null).executeTakeFirst();

/** The document and, when it is stored as a row of `blobs` (most are), its bytes: one round trip for the processing job. */
export const findDocumentWithInlineContent = (db: DbOrTrx, id: string) =>
  db.selectFrom('documents').leftJoin('blobs', 'blobs.sha256', 'documents.sha256')
    .selectAll('documents').select('blobs.content as inline_content').where('documents.id', '=', id).executeTakeFirst();

export const findDocuments = (db: DbOrTrx, organizationId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('id', 'in', ids)
      .where('deleted_at', 'is', null).execute();

export const findBatchDocuments = (db: DbOrTrx, organizationId: string, batchId: string) =>
  db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('batch_id', '=', batchId)
    .where('deleted_at', 'is', null).orderBy('id').limit(500).execute();

export const listDocuments = (db: DbOrTrx, organizationId: string, f: { status?: string; documentType?: string; batchId?: string }, limit: number, beforeId: string | null) => {
  let q = db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('deleted_at', 'is', null);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.documentType) q = q.where('document_type', '=', f.documentType);
  if (f.batchId) q = q.where('batch_id', '=', f.batchId);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

export const softDeleteDocument = (db: DbOrTrx, id: string, now: number) =>
  db.updateTable('documents').set({ deleted_at: now }).where('id', '=', id).execute();

export const listFindings = (db: DbOrTrx, documentIds: string[]) =>
  documentIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('findings').selectAll().where('document_id', 'in', documentIds).orderBy('document_id').orderBy('position').execute();

export type ProcessedChanges = Pick<DocumentsTable, 'status' | 'document_type' | 'processed_at' | 'summary_errors' | 'summary_warnings' | 'summary_infos'>;

/** Only a document still `processing` is updated: when two workers finish the same one, the second changes nothing. */
const markProcessedQuery = (db: DbOrTrx, id: string, changes: ProcessedChanges) =>
  db.updateTable('documents').set(changes).where('id', '=', id).where('status', '=', 'processing');

export const markProcessed = (db: DbOrTrx, id: string, changes: ProcessedChanges) => markProcessedQuery(db, id, changes).executeTakeFirst();

/** The same update as a statement for insertTogetherIfUpdated, which inserts the findings and event only if it changed a row. */
export const markProcessedGuard = (db: DbOrTrx, id: string, changes: ProcessedChanges) => markProcessedQuery(db, id, changes).returning('id').compile();
