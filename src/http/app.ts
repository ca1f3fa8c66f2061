import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { registerAccountRoutes } from '../accounts/accounts.routes.js';
import type { AppContext } from '../context.js';
import { registerDocumentRoutes } from '../documents/document.routes.js';
import { AppError } from '../errors.js';
import { registerEventRoutes } from '../events/event.routes.js';
import { newId } from '../ids.js';
import { pathOfNulCharacter } from './nul-characters.js';
import { registerWebhookRoutes } from '../webhooks/webhook.routes.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling, sendProblem } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { SHARED_SCHEMAS } from './schemas.js';
import { registerSystemRoutes } from './system.routes.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built web UI: web/dist beside the package root, whether running from src/ or dist/src/. */
export function findWebDist(): string | null {
  for (const candidate of [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../web/dist')]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance: ctx.log }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : newId('req');
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // The router refuses some URLs before any hook runs; they get a problem+json like every other refusal.
    frameworkErrors: (error, request, reply) => sendProblem(reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('not_found', 'Nothing here has an id that long (a path segment is over 100 characters)')
      : new AppError('malformed_request', `The URL is not valid: ${error.message}`), request),
  }) as unknown as FastifyInstance;

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpRequests.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // An empty POST (curl -X POST without -d) means "no options", not a validation error.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body && !request.isMultipart()) request.body = {};
    for (const [where, value] of [['path', request.params], ['query', request.query], ['body', request.isMultipart() ? undefined : request.body]] as const) {
      const path = pathOfNulCharacter(value);
      if (path) {
        throw new AppError('validation_failed', `Invalid ${where}: ${path} must not contain the NUL character (U+0000)`, {
          errors: [{ path, message: 'must not contain the NUL character (U+0000)' }],
        });
      }
    }
  });
  registerErrorHandling(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10, fieldSize: 1024 } });
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await registerOpenApi(app);
  registerSecurityHeaders(app);
  registerAuth(app, ctx.db);
  registerRateLimit(app, ctx.config.rateLimitPerMinute);
  registerIdempotency(app, ctx.db);

  registerSystemRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);

  const webDist = findWebDist();
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && webDist) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) {
      return reply.type('text/html').send('<!doctype html><title>CargoLint</title><p>The web UI is not built. Run <code>npm run build</code>, or use the API under /api/v1 (docs at <a href="/docs">/docs</a>).</p>');
    }
    return sendProblem(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`), request);
  });
  return app;
}
