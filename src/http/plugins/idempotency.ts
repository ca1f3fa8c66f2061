import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';

const TTL_MS = 24 * 3600 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { key: string; requestHash: string } | null;
  }
}

export const requestHash = (method: string, url: string, body: unknown) =>
  createHash('sha256').update(`${method} ${url}\n`).update(JSON.stringify(body ?? null)).digest('hex');

/** Returns the stored response for this key, null when it is new, or throws 409 when the key was used for another body. */
export async function findReplay(db: Db, organizationId: string, key: string, hash: string) {
  const row = await db.selectFrom('idempotency_keys').selectAll()
    .where('organization_id', '=', organizationId).where('key', '=', key)
    .where('created_at', '>', Date.now() - TTL_MS).executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new AppError('conflict', 'This Idempotency-Key was already used with a different request body', {
      errors: [{ path: 'Idempotency-Key', message: 'was used with a different request' }],
    });
  }
  return row;
}

/** Answers with the first response recorded for this key, marked as a replay. */
export function sendReplay(reply: FastifyReply, replay: { status_code: number; content_type: string; response_body: string }) {
  return reply.status(replay.status_code).header('Idempotent-Replayed', 'true').type(replay.content_type).send(replay.response_body);
}

export async function storeResponse(db: Db, organizationId: string, key: string, hash: string, status: number, body: string, contentType: string) {
  const now = Date.now();
  await db.deleteFrom('idempotency_keys').where('organization_id', '=', organizationId).where('key', '=', key)
    .where('created_at', '<=', now - TTL_MS).execute();
  await db.insertInto('idempotency_keys').values({
    organization_id: organizationId, key, request_hash: hash, status_code: status, response_body: body, content_type: contentType, created_at: now,
  }).onConflict((oc) => oc.doNothing()).execute();
}

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || raw.length < 1 || raw.length > 255) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1..255 characters', { errors: [{ path: 'Idempotency-Key', message: 'must be 1..255 characters' }] });
  }
  return raw;
}

/** For JSON routes marked `config.idempotent`: replay or record around the handler. */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.routeOptions.config?.idempotent || !request.principal) return;
    const key = idempotencyKeyOf(request);
    if (!key) return;
    const hash = requestHash(request.method, request.url, request.body);
    const replay = await findReplay(db, request.principal.organizationId, key, hash);
    if (replay) return sendReplay(reply, replay);
    request.idempotency = { key, requestHash: hash };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem || !request.principal || reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    await storeResponse(db, request.principal.organizationId, idem.key, idem.requestHash, reply.statusCode, payload,
      String(reply.getHeader('content-type') ?? 'application/json'));
    return payload;
  });
}
