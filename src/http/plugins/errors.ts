import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toProblem, type FieldError } from '../../errors.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

function fieldPath(err: { instancePath?: string; params?: Record<string, unknown> }, context?: string): string {
  const base = (err.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = err.params?.missingProperty ?? err.params?.additionalProperty;
  const path = missing ? (base ? `${base}.${String(missing)}` : String(missing)) : base;
  return path || (context === 'body' ? 'body' : context ?? 'body');
}

function fromFastifyError(error: FastifyError): AppError | null {
  if (error.validation) {
    const errors: FieldError[] = error.validation.map((v: any) => ({
      path: fieldPath(v, error.validationContext),
      message: v.params?.additionalProperty ? 'is not a known field' : v.message ?? 'is invalid',
    }));
    return new AppError('validation_failed', `Invalid ${error.validationContext ?? 'request'}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_request', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', error.message);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'This endpoint expects multipart/form-data');
  }
  if (error.statusCode === 400) return new AppError('malformed_request', error.message);
  if (error.statusCode === 413) return new AppError('payload_too_large', error.message);
  if (error.statusCode === 415) return new AppError('unsupported_media_type', error.message);
  if (error.statusCode === 404) return new AppError('not_found', error.message);
  return null;
}

export function sendProblem(reply: FastifyReply, error: AppError, request: FastifyRequest) {
  if (error.headers) reply.headers(error.headers);
  if (error.code === 'unauthorized') reply.header('WWW-Authenticate', 'Bearer realm="cargolint"');
  return reply.status(error.status).type(PROBLEM).send(JSON.stringify(toProblem(error, request.url)));
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = raw instanceof AppError ? raw : fromFastifyError(raw);
    if (error) return sendProblem(reply, error, request);
    // Anything unexpected is logged with its stack and answered without internals.
    request.log.error({ err: raw }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', `Something went wrong on our side. Request id: ${request.id}`), request);
  });
}
