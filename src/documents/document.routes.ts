import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { DocumentsTable } from '../db/schema.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { emit } from '../events/emit.js';
import { newId } from '../ids.js';
import { principalOf } from '../http/plugins/auth.js';
import { findReplay, idempotencyKeyOf, sendReplay, storeResponse } from '../http/plugins/idempotency.js';
import { PaginationQuery, decodeCursor, page, pageSize } from '../http/pagination.js';
import { BATCH_ID_PATTERN, DOCUMENT_STATUSES, DOCUMENT_TYPES, serializeDocument, serializeFinding } from './document.js';
import * as repo from './document.repository.js';
import * as service from './document.service.js';
import { buildArchive } from './zip.js';
import { DocumentSchema, FindingSchema, listOf, problems, ref } from '../http/schemas.js';

const tags = ['Documents'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ListQuery = Type.Object({
  ...PaginationQuery,
  status: Type.Optional(Type.String({ enum: [...DOCUMENT_STATUSES] })),
  document_type: Type.Optional(Type.String({ enum: [...DOCUMENT_TYPES] })),
  batch_id: Type.Optional(Type.String({ pattern: BATCH_ID_PATTERN.source })),
});
const BatchBody = Type.Object({ document_ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
const BatchParams = Type.Object({ batch_id: Type.String({ pattern: BATCH_ID_PATTERN.source }) });

/** The multipart parser's refusals, as answers a client can act on (its own wording names no field or limit). */
function uploadProblem(error: unknown, maxUploadBytes: number): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', `The file is larger than this server's upload limit of ${maxUploadBytes} bytes (CARGOLINT_MAX_UPLOAD_BYTES)`);
    case 'FST_FILES_LIMIT':
      return validationFailed('file', 'only one file per upload: send each document in a request of its own');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return validationFailed('body', 'too many parts: an upload is a `file` part with optional `document_type` and `batch_id`');
  }
  // Anything else the parser throws (no boundary, a body cut short, a broken header) is a malformed request.
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('malformed_request', `The multipart body could not be read: ${message}`);
}

async function readUpload(request: FastifyRequest, maxUploadBytes: number) {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Upload with multipart/form-data: a `file` part, optional `document_type` and `batch_id`');
  }
  let file: { bytes: Buffer; filename: string } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) { await part.toBuffer(); continue; }
        file = { bytes: await part.toBuffer(), filename: part.filename };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw uploadProblem(error, maxUploadBytes);
  }
  const errors = [];
  if (!file) errors.push({ path: 'file', message: 'is required: attach the document as the `file` part' });
  else if (file.bytes.length === 0) errors.push({ path: 'file', message: 'is empty' });
  const declaredType = fields.document_type || null;
  if (declaredType && !(DOCUMENT_TYPES as readonly string[]).includes(declaredType)) {
    errors.push({ path: 'document_type', message: `must be one of ${DOCUMENT_TYPES.join(', ')}` });
  }
  const batchId = fields.batch_id || null;
  if (batchId && !BATCH_ID_PATTERN.test(batchId)) errors.push({ path: 'batch_id', message: 'must match [A-Za-z0-9_-]{1,64}' });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors });
  return { bytes: file!.bytes, filename: file!.filename, declaredType, batchId };
}

async function sendArchive(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, docs: DocumentsTable[], batchId: string) {
  const organizationId = principalOf(request).organizationId;
  const findings = await repo.listFindings(ctx.db, docs.map((d) => d.id));
  const archive = buildArchive(ctx.blobs, docs, findings);
  // The event is emitted only when the whole archive was handed to the client's connection.
  reply.raw.once('finish', () => {
    ctx.db.transaction().execute((trx) => emit(trx, {
      organizationId, type: 'document.batch_downloaded',
      data: { batch: { id: batchId, document_ids: docs.map((d) => d.id), document_count: docs.length, size_bytes: archive.sizeBytes(), downloaded_at: new Date().toISOString() } },
    })).then(() => ctx.wakeups.notify('deliveries'), (err) => request.log.error({ err }, 'could not record document.batch_downloaded'));
  });
  return reply.type('application/zip').header('Content-Disposition', `attachment; filename="cargolint-${batchId}.zip"`).send(archive.stream);
}

export function registerDocumentRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/api/v1/documents', {
    schema: { tags, summary: 'Upload a document (multipart: file, optional document_type and batch_id); checks run in the background', consumes: ['multipart/form-data'], response: { 201: ref(DocumentSchema), ...problems(409, 413, 415, 422) } },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const key = idempotencyKeyOf(request);
    const upload = await readUpload(request, ctx.config.maxUploadBytes);
    const hash = createHash('sha256').update(JSON.stringify([upload.filename, upload.declaredType, upload.batchId])).update(upload.bytes).digest('hex');
    if (key) {
      const replay = await findReplay(ctx.db, principal.organizationId, key, hash);
      if (replay) return sendReplay(reply as FastifyReply, replay);
    }
    const doc = await service.uploadDocument(ctx, principal, upload);
    if (key) await storeResponse(ctx.db, principal.organizationId, key, hash, 201, JSON.stringify(doc), 'application/json; charset=utf-8');
    return reply.status(201).send(doc);
  });

  app.get('/api/v1/documents', { schema: { tags, summary: 'List documents', querystring: ListQuery, response: { 200: listOf(DocumentSchema), ...problems(422) } } }, async (request) => {
    const q = request.query as Static<typeof ListQuery>;
    const limit = pageSize(q.limit);
    const rows = await repo.listDocuments(ctx.db, principalOf(request).organizationId, { status: q.status, documentType: q.document_type, batchId: q.batch_id }, limit + 1, decodeCursor(q.cursor));
    return page(rows, limit, (d) => serializeDocument(d));
  });

  app.get('/api/v1/documents/:id', { schema: { tags, summary: 'A document with its summary and findings', params: IdParams, response: { 200: ref(DocumentSchema), ...problems(404) } } }, async (request) =>
    service.getDocument(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id));

  app.get('/api/v1/documents/:id/findings', { schema: { tags, summary: 'The findings of a document', params: IdParams, response: { 200: Type.Object({ data: Type.Array(ref(FindingSchema)) }), ...problems(404) } } }, async (request) => {
    const id = (request.params as Static<typeof IdParams>).id;
    if (!(await repo.findDocument(ctx.db, principalOf(request).organizationId, id))) throw notFound('Document');
    return { data: (await repo.listFindings(ctx.db, [id])).map(serializeFinding) };
  });

  app.get('/api/v1/documents/:id/content', { schema: { tags, summary: 'The original bytes', params: IdParams } }, async (request, reply) => {
    const { doc, bytes } = await service.getDocumentContent(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id);
    const asciiName = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply.type(doc.content_type).header('Content-Disposition', `inline; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`).send(bytes);
  });

  app.delete('/api/v1/documents/:id', { schema: { tags, summary: 'Delete a document', params: IdParams } }, async (request, reply) => {
    await service.deleteDocument(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/documents/batch-download', { schema: { tags, summary: 'A ZIP of the given documents and their findings, streamed', body: BatchBody } }, async (request, reply) => {
    const ids = [...new Set((request.body as Static<typeof BatchBody>).document_ids)];
    const docs = await repo.findDocuments(ctx.db, principalOf(request).organizationId, ids);
    if (docs.length !== ids.length) {
      const found = new Set(docs.map((d) => d.id));
      const missing = ids.filter((id) => !found.has(id));
      throw new AppError('not_found', `Documents not found: ${missing.slice(0, 20).join(', ')}`, { errors: missing.slice(0, 20).map((id) => ({ path: 'document_ids', message: `${id} not found` })) });
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    docs.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return sendArchive(ctx, request, reply, docs, newId('bat'));
  });

  app.get('/api/v1/documents/batch/:batch_id/download', { schema: { tags, summary: 'A ZIP of every document of an upload batch', params: BatchParams } }, async (request, reply) => {
    const { batch_id } = request.params as Static<typeof BatchParams>;
    const docs = await repo.findBatchDocuments(ctx.db, principalOf(request).organizationId, batch_id);
    if (docs.length === 0) throw notFound('Batch');
    return sendArchive(ctx, request, reply, docs, batch_id);
  });
}
