import type { DeliveriesTable, DeliveryAttemptsTable, WebhooksTable } from '../db/schema.js';
import { SUBSCRIBABLE_EVENT_TYPES, isSubscribable } from '../events/catalogue.js';
import { AppError, type FieldError } from '../errors.js';
import { iso } from '../ids.js';
import { validateWebhookUrl } from './safe-target.js';

export type WebhookStatus = 'active' | 'disabled' | 'failed';

export function serializeWebhook(w: WebhooksTable, secret?: string) {
  return {
    id: w.id, url: w.url, events: JSON.parse(w.events) as string[], active: w.status === 'active', status: w.status as WebhookStatus,
    description: w.description, created_at: iso(w.created_at), updated_at: iso(w.updated_at), disabled_reason: w.disabled_reason,
    disabled_at: iso(w.disabled_at), consecutive_failures: w.consecutive_failures, last_success_at: iso(w.last_success_at),
    ...(secret ? { secret } : {}),
  };
}

export function serializeAttempt(a: DeliveryAttemptsTable) {
  return {
    number: a.number, started_at: iso(a.started_at), duration_ms: a.duration_ms, status_code: a.status_code,
    error: a.error, error_detail: a.error_detail, response_body: a.response_body,
  };
}

export function serializeDelivery(d: DeliveriesTable, attempts?: DeliveryAttemptsTable[]) {
  return {
    id: d.id, webhook_id: d.webhook_id, event_id: d.event_id, event_type: d.event_type, status: d.status,
    attempt_count: d.attempt_count, retry_count: Math.max(0, d.attempt_count - 1), last_status_code: d.last_status_code,
    last_error: d.last_error, next_attempt_at: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    created_at: iso(d.created_at), updated_at: iso(d.updated_at),
    ...(attempts ? { attempts: attempts.map(serializeAttempt) } : {}),
  };
}

/** Field rules of CONTRACT §4 that a JSON Schema cannot say; every problem names its field. */
export function checkWebhookInput(input: { url?: string; events?: string[] }, allowInsecure: boolean): void {
  const errors: FieldError[] = [];
  if (input.url !== undefined) {
    const verdict = validateWebhookUrl(input.url, { allowInsecure });
    if (!verdict.ok) errors.push({ path: 'url', message: verdict.message });
  }
  if (input.events !== undefined) {
    if (input.events.length === 0) errors.push({ path: 'events', message: `must list at least one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}` });
    input.events.forEach((e, i) => {
      if (!isSubscribable(e)) errors.push({ path: `events[${i}]`, message: `"${e}" is not an event type; valid types: ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}` });
    });
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}
