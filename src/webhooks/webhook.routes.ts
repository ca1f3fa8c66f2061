import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { EVENT_TYPES, SUBSCRIBABLE_EVENT_TYPES } from '../events/catalogue.js';
import { principalOf } from '../http/plugins/auth.js';
import { PaginationQuery, decodeCursor, page, pageSize } from '../http/pagination.js';
import { DeliverySchema, WebhookSchema, listOf, problems, ref } from '../http/schemas.js';
import { serializeDelivery, serializeWebhook } from './webhook.js';
import * as service from './webhook.service.js';

const tags = ['Webhooks'];
const Url = Type.String({ minLength: 1, maxLength: 2048, description: 'https:// endpoint that receives deliveries' });
const Events = Type.Array(Type.String({ examples: [...SUBSCRIBABLE_EVENT_TYPES] }), { maxItems: 20, description: `Any of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}` });
// Null first: with type coercion on, ajv would otherwise turn null into "".
const Description = Type.Union([Type.Null(), Type.String({ maxLength: 500 })]);
const CreateBody = Type.Object({ url: Url, events: Events, active: Type.Optional(Type.Boolean()), description: Type.Optional(Description) }, { additionalProperties: false });
const UpdateBody = Type.Object({ url: Type.Optional(Url), events: Type.Optional(Events), active: Type.Optional(Type.Boolean()), description: Type.Optional(Description) }, { additionalProperties: false });
const RotateBody = Type.Object({ grace_period_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 604800, default: 86400 })) }, { additionalProperties: false });
const TestBody = Type.Object({ event_type: Type.Optional(Type.String({ enum: [...EVENT_TYPES] })) }, { additionalProperties: false });
const RecoverBody = Type.Object({
  since: Type.String({ format: 'date-time' }), until: Type.Optional(Type.String({ format: 'date-time' })), dry_run: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const DeliveryParams = Type.Object({ id: Type.String({ maxLength: 64 }), delivery_id: Type.String({ maxLength: 64 }) });
const DeliveryQuery = Type.Object({
  ...PaginationQuery,
  status: Type.Optional(Type.String({ enum: ['pending', 'succeeded', 'failed'] })),
  event_type: Type.Optional(Type.String({ enum: [...EVENT_TYPES] })),
});

export function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/api/v1/webhooks', {
    config: { idempotent: true },
    schema: { tags, summary: 'Create a webhook; the response carries its signing secret, shown only now', body: CreateBody, response: { 201: ref(WebhookSchema), ...problems(403, 409, 422) } },
  }, async (request, reply) => {
    const body = request.body as Static<typeof CreateBody>;
    return reply.status(201).send(await service.createWebhook(ctx, principalOf(request), body));
  });

  app.get('/api/v1/webhooks', { schema: { tags, summary: 'List webhooks', querystring: Type.Object(PaginationQuery), response: { 200: listOf(WebhookSchema), ...problems(403) } } }, async (request) => {
    const q = request.query as { limit?: number; cursor?: string };
    const limit = pageSize(q.limit);
    return page(await service.listWebhooks(ctx, principalOf(request), limit, decodeCursor(q.cursor)), limit, (w) => serializeWebhook(w));
  });

  app.get('/api/v1/webhooks/:id', { schema: { tags, summary: 'Get a webhook', params: IdParams, response: { 200: ref(WebhookSchema), ...problems(403, 404) } } }, async (request) =>
    service.getWebhook(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id));

  app.patch('/api/v1/webhooks/:id', {
    schema: { tags, summary: 'Update a webhook; active:true re-enables a failed one and resets its failure streak', params: IdParams, body: UpdateBody, response: { 200: ref(WebhookSchema), ...problems(403, 404, 422) } },
  }, async (request) => service.updateWebhook(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id, request.body as Static<typeof UpdateBody>));

  app.delete('/api/v1/webhooks/:id', { schema: { tags, summary: 'Delete a webhook; its pending deliveries are cancelled', params: IdParams, response: { 204: Type.Null(), ...problems(403, 404) } } }, async (request, reply) => {
    await service.deleteWebhook(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/webhooks/:id/rotate-secret', {
    schema: { tags, summary: 'Rotate the signing secret; the previous one keeps signing during the grace period', params: IdParams, body: RotateBody, response: { 200: Type.Object({ secret: Type.String(), previous_secret_expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) }), ...problems(403, 404, 422) } },
  }, async (request) => {
    const body = (request.body ?? {}) as Static<typeof RotateBody>;
    return service.rotateSecret(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id, body.grace_period_seconds ?? 86400);
  });

  app.post('/api/v1/webhooks/:id/test', {
    schema: { tags, summary: 'Send Test Payload: a webhook.test event (or a sample of event_type) to this webhook alone', params: IdParams, body: TestBody, response: { 202: Type.Object({ event_id: Type.String(), delivery_id: Type.String() }), ...problems(403, 404, 422) } },
  }, async (request, reply) => {
    const body = (request.body ?? {}) as Static<typeof TestBody>;
    return reply.status(202).send(await service.sendTest(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id, body.event_type));
  });

  app.get('/api/v1/webhooks/:id/deliveries', { schema: { tags, summary: 'Delivery History of a webhook', params: IdParams, querystring: DeliveryQuery, response: { 200: listOf(DeliverySchema), ...problems(403, 404, 422) } } }, async (request) => {
    const q = request.query as Static<typeof DeliveryQuery>;
    const limit = pageSize(q.limit);
    const rows = await service.listDeliveries(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id,
      { status: q.status, eventType: q.event_type }, limit, decodeCursor(q.cursor));
    return page(rows, limit, (d) => serializeDelivery(d));
  });

  app.get('/api/v1/webhooks/:id/deliveries/:delivery_id', { schema: { tags, summary: 'A delivery with every attempt', params: DeliveryParams, response: { 200: ref(DeliverySchema), ...problems(403, 404) } } }, async (request) => {
    const p = request.params as Static<typeof DeliveryParams>;
    return service.getDelivery(ctx, principalOf(request), p.id, p.delivery_id);
  });

  app.post('/api/v1/webhooks/:id/deliveries/:delivery_id/redeliver', { schema: { tags, summary: 'Attempt the same event again now', params: DeliveryParams, response: { 202: Type.Object({ id: Type.String(), status: Type.String() }), ...problems(403, 404, 409) } } }, async (request, reply) => {
    const p = request.params as Static<typeof DeliveryParams>;
    return reply.status(202).send(await service.redeliver(ctx, principalOf(request), p.id, p.delivery_id));
  });

  app.post('/api/v1/webhooks/:id/recover', {
    schema: { tags, summary: 'Re-queue failed deliveries created in [since, until]; dry_run only counts them', params: IdParams, body: RecoverBody, response: { 202: Type.Object({ count: Type.Integer(), dry_run: Type.Boolean() }), ...problems(403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(202).send(await service.recover(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id, request.body as Static<typeof RecoverBody>)));

  app.get('/api/v1/webhooks/:id/stats', { schema: { tags, summary: 'Hourly attempts and latency over the last 24 hours', params: IdParams } }, async (request) =>
    service.stats(ctx, principalOf(request), (request.params as Static<typeof IdParams>).id));
}
