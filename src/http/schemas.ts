import { Type, type TSchema } from '@sinclair/typebox';

/** Response shapes shared by the routes: they document the API (OpenAPI) and serialise responses fast. */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const ProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(),
  code: Type.String({ enum: ['unauthorized', 'forbidden', 'plan_upgrade_required', 'not_found', 'validation_failed', 'malformed_request', 'conflict', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'internal'] }),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  instance: Type.Optional(Type.String()),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });

export const WebhookSchema = Type.Object({
  id: Type.String({ examples: ['wh_01m90w5hm6w21bsx3qb6mqjmk7'] }), url: Type.String(), events: Type.Array(Type.String()),
  active: Type.Boolean(), status: Type.String({ enum: ['active', 'disabled', 'failed'] }), description: Nullable(Type.String()),
  created_at: Timestamp, updated_at: Timestamp, disabled_reason: Nullable(Type.String()), disabled_at: Nullable(Timestamp),
  consecutive_failures: Type.Integer(), last_success_at: Nullable(Timestamp),
  secret: Type.Optional(Type.String({ description: 'Only in the creation response: whsec_ + base64 of 32 random bytes' })),
}, { $id: 'Webhook' });

export const AttemptSchema = Type.Object({
  number: Type.Integer(), started_at: Timestamp, duration_ms: Type.Integer(), status_code: Nullable(Type.Integer()),
  error: Nullable(Type.String({ description: 'timeout, connection_refused, dns, tls, blocked_address, http_status, …' })),
  error_detail: Nullable(Type.String()), response_body: Type.String({ description: 'First 2 KiB of the response' }),
}, { $id: 'Attempt' });

export const DeliverySchema = Type.Object({
  id: Type.String(), webhook_id: Type.String(), event_id: Type.String(), event_type: Type.String(),
  status: Type.String({ enum: ['pending', 'succeeded', 'failed'] }), attempt_count: Type.Integer(), retry_count: Type.Integer(),
  last_status_code: Nullable(Type.Integer()), last_error: Nullable(Type.String()), next_attempt_at: Nullable(Timestamp),
  created_at: Timestamp, updated_at: Timestamp, attempts: Type.Optional(Type.Array(Type.Ref(AttemptSchema))),
}, { $id: 'Delivery' });

export const FindingSchema = Type.Object({
  rule_id: Type.String(), severity: Type.String({ enum: ['error', 'warning', 'info'] }), message: Type.String(),
  path: Type.String({ description: 'JSON pointer, or "page N, line M" for PDF' }), hint: Type.Optional(Type.String()),
}, { $id: 'Finding' });

export const DocumentSchema = Type.Object({
  id: Type.String(), filename: Type.String(), content_type: Type.String(), size_bytes: Type.Integer(), sha256: Type.String(),
  document_type: Type.String(), batch_id: Nullable(Type.String()),
  status: Type.String({ enum: ['processing', 'processed', 'requires_review', 'failed'] }),
  uploaded_at: Timestamp, processed_at: Nullable(Timestamp),
  summary: Nullable(Type.Object({ errors: Type.Integer(), warnings: Type.Integer(), infos: Type.Integer() })),
  findings: Type.Optional(Type.Array(Type.Ref(FindingSchema))),
}, { $id: 'Document' });

export const EventSchema = Type.Object({
  id: Type.String(), type: Type.String(), created_at: Timestamp,
  data: Type.Object({}, { additionalProperties: true }),
}, { $id: 'Event', additionalProperties: true });

export const SHARED_SCHEMAS = [ProblemSchema, WebhookSchema, AttemptSchema, DeliverySchema, FindingSchema, DocumentSchema, EventSchema];

export const ref = (schema: { $id?: string }) => Type.Ref(schema.$id!);

export const listOf = (schema: { $id?: string }) => Type.Object({
  data: Type.Array(Type.Ref(schema.$id!)), has_more: Type.Boolean(), next_cursor: Nullable(Type.String()),
});

/** Problem responses every authenticated route can give. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries([401, 429, ...statuses].map((s) => [s, { ...Type.Ref('Problem'), description: 'application/problem+json' }]));
