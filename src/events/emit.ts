import type { DbOrTrx } from '../db/database.js';
import { insertTogether, type TableRows } from '../db/insert-rows.js';
import { newId } from '../ids.js';
import type { EventType } from './catalogue.js';

export const MAX_EVENT_BODY_BYTES = 256 * 1024;

export interface EmittedEvent {
  id: string;
  deliveryCount: number;
}

/** The compact JSON body sent on the wire, built once and stored as is, so every attempt signs identical bytes. */
export function eventBody(id: string, type: string, createdAt: number, data: unknown): string {
  return JSON.stringify({ id, type, created_at: new Date(createdAt).toISOString(), data });
}

export interface EmitInput { organizationId: string; type: EventType; data: unknown; onlyWebhookId?: string; test?: boolean }

/**
 * The rows of an event and of one delivery per subscribed webhook, for the caller to insert together with the change
 * that caused them (see emit). Webhooks that are disabled or failed get their delivery recorded as failed
 * (`webhook_disabled`) so `recover` can replay it later: nothing is lost.
 */
export async function planEvent(db: DbOrTrx, input: EmitInput): Promise<{ rows: TableRows[]; emitted: EmittedEvent }> {
  const now = Date.now();
  const id = newId('evt', now);
  const body = eventBody(id, input.type, now, input.data);
  if (Buffer.byteLength(body) > MAX_EVENT_BODY_BYTES) throw new Error(`event body of ${input.type} exceeds 256 KiB`);
  const event: TableRows<'events'> = {
    table: 'events', rows: [{ id, organization_id: input.organizationId, type: input.type, body, test: input.test ? 1 : 0, created_at: now }],
  };

  let query = db.selectFrom('webhooks').select(['id', 'events', 'status'])
    .where('organization_id', '=', input.organizationId).where('deleted_at', 'is', null);
  if (input.onlyWebhookId) query = query.where('id', '=', input.onlyWebhookId);
  const webhooks = await query.execute();
  const targets = input.onlyWebhookId ? webhooks : webhooks.filter((w) => (JSON.parse(w.events) as string[]).includes(input.type));

  const deliveries: TableRows<'deliveries'> = {
    table: 'deliveries',
    rows: targets.map((w) => {
      const sendable = input.test || w.status === 'active';
      return {
        id: newId('dlv', now), organization_id: input.organizationId, webhook_id: w.id, event_id: id, event_type: input.type,
        status: sendable ? 'pending' : 'failed', attempt_count: 0, last_status_code: null,
        last_error: sendable ? null : 'webhook_disabled', next_attempt_at: sendable ? now : null, lease_until: 0,
        created_at: now, updated_at: now,
      };
    }),
  };
  return { rows: [event, deliveries], emitted: { id, deliveryCount: targets.length } };
}

/**
 * The transactional outbox: the event and its deliveries are written in the caller's transaction, so they exist
 * exactly when the change that caused them does. Callers wake the dispatcher after their commit.
 */
export async function emit(trx: DbOrTrx, input: EmitInput): Promise<EmittedEvent> {
  const { rows, emitted } = await planEvent(trx, input);
  await insertTogether(trx, rows);
  return emitted;
}
