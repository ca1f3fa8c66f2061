import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { principalOf } from '../http/plugins/auth.js';
import { PaginationQuery, decodeCursor, page, pageSize } from '../http/pagination.js';
import { EVENT_CATALOGUE, EVENT_TYPES } from './catalogue.js';
import { EventSchema, listOf, problems, ref } from '../http/schemas.js';

const EventsQuery = Type.Object({ ...PaginationQuery, type: Type.Optional(Type.String({ enum: [...EVENT_TYPES] })) });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const serializeEvent = (e: { body: string }) => JSON.parse(e.body) as Record<string, unknown>;

export function registerEventRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/api/v1/event-types', { schema: { tags: ['Events'], summary: 'The event catalogue: type, description, JSON Schema of data, sample' } }, async () => ({
    data: Object.values(EVENT_CATALOGUE).map((d) => ({ type: d.type, description: d.description, schema: d.schema, sample: d.sample({}) })),
  }));

  app.get('/api/v1/events', { schema: { tags: ['Events'], summary: "The organization's events, newest first, for reconciliation", querystring: EventsQuery, response: { 200: listOf(EventSchema), ...problems(422) } } }, async (request) => {
    const q = request.query as Static<typeof EventsQuery>;
    const limit = pageSize(q.limit);
    const cursor = decodeCursor(q.cursor);
    let query = ctx.db.selectFrom('events').select(['id', 'body']).where('organization_id', '=', principalOf(request).organizationId).where('test', '=', 0);
    if (q.type) query = query.where('type', '=', q.type);
    if (cursor) query = query.where('id', '<', cursor);
    return page(await query.orderBy('id', 'desc').limit(limit + 1).execute(), limit, serializeEvent);
  });

  app.get('/api/v1/events/:id', { schema: { tags: ['Events'], summary: 'One event, exactly as delivered', params: IdParams, response: { 200: ref(EventSchema), ...problems(404) } } }, async (request) => {
    const row = await ctx.db.selectFrom('events').select(['id', 'body'])
      .where('organization_id', '=', principalOf(request).organizationId).where('id', '=', (request.params as Static<typeof IdParams>).id).executeTakeFirst();
    if (!row) throw notFound('Event');
    return serializeEvent(row);
  });
}
