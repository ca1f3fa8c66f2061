import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/health', { schema: { tags: ['System'], summary: 'Liveness and database check', hide: false } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', detail: 'the database does not answer' });
    }
  });

  app.get('/metrics', { schema: { tags: ['System'], summary: 'Prometheus metrics' } }, async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
