/** The event types CargoLint emits: what each means, the JSON Schema of its `data`, and a sample. */
export const SUBSCRIBABLE_EVENT_TYPES = ['document.uploaded', 'compliance.warning', 'document.batch_downloaded'] as const;
export const EVENT_TYPES = [...SUBSCRIBABLE_EVENT_TYPES, 'webhook.test'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];

const documentSchema = {
  type: 'object',
  required: ['id', 'filename', 'content_type', 'size_bytes', 'sha256', 'document_type', 'status', 'uploaded_at'],
  properties: {
    id: { type: 'string', pattern: '^doc_' }, filename: { type: 'string' }, content_type: { type: 'string' },
    size_bytes: { type: 'integer' }, sha256: { type: 'string' }, document_type: { type: 'string' },
    batch_id: { type: ['string', 'null'] }, status: { type: 'string' }, uploaded_at: { type: 'string', format: 'date-time' },
    processed_at: { type: ['string', 'null'] }, summary: { type: ['object', 'null'] },
  },
};

const sampleDocument = {
  id: 'doc_01jd3k4m5n6p7q8r9s0t1v2w3x', filename: 'invoice-4711.json', content_type: 'application/json', size_bytes: 2048,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', document_type: 'commercial_invoice',
  batch_id: 'bat_2026_12_04', status: 'processing', uploaded_at: '2026-12-04T10:00:00.000Z', processed_at: null, summary: null,
};

export interface EventDefinition {
  type: EventType;
  description: string;
  schema: object;
  sample: (context: { webhookId?: string }) => Record<string, unknown>;
}

export const EVENT_CATALOGUE: Record<EventType, EventDefinition> = {
  'document.uploaded': {
    type: 'document.uploaded',
    description: 'A document was uploaded and durably stored; compliance checks start now.',
    schema: { type: 'object', required: ['document'], properties: { document: documentSchema } },
    sample: () => ({ document: sampleDocument }),
  },
  'compliance.warning': {
    type: 'compliance.warning',
    description: 'Checks of a document found at least one error or warning.',
    schema: {
      type: 'object', required: ['document', 'findings', 'summary'],
      properties: {
        document: documentSchema,
        findings: { type: 'array', items: { type: 'object', required: ['rule_id', 'severity', 'message', 'path'] } },
        findings_truncated: { type: 'boolean' },
        summary: { type: 'object', required: ['errors', 'warnings', 'infos'] },
      },
    },
    sample: () => ({
      document: { ...sampleDocument, status: 'processed', processed_at: '2026-12-04T10:00:01.000Z', summary: { errors: 1, warnings: 1, infos: 0 } },
      findings: [
        { rule_id: 'container.iso6346', severity: 'error', message: 'Container number MSKU7750847 fails the ISO 6346 check digit (expected 6)', path: '/containers/0/number', hint: 'Check the number against the container plate.' },
        { rule_id: 'goods.vague-description', severity: 'warning', message: 'Goods description "parts" is too vague for customs', path: '/lines/0/description' },
      ],
      summary: { errors: 1, warnings: 1, infos: 0 },
    }),
  },
  'document.batch_downloaded': {
    type: 'document.batch_downloaded',
    description: 'A ZIP archive of documents was downloaded in full.',
    schema: {
      type: 'object', required: ['batch'],
      properties: { batch: { type: 'object', required: ['id', 'document_ids', 'document_count', 'size_bytes', 'downloaded_at'] } },
    },
    sample: () => ({
      batch: { id: 'bat_2026_12_04', document_ids: [sampleDocument.id], document_count: 1, size_bytes: 4096, downloaded_at: '2026-12-04T10:05:00.000Z' },
    }),
  },
  'webhook.test': {
    type: 'webhook.test',
    description: 'Sent by "Send Test Payload" to check that an endpoint receives and verifies deliveries.',
    schema: { type: 'object', required: ['webhook_id', 'message'], properties: { webhook_id: { type: 'string' }, message: { type: 'string' } } },
    sample: ({ webhookId }) => ({ webhook_id: webhookId ?? 'wh_sample', message: 'This is a test delivery from CargoLint.' }),
  },
};

export const isSubscribable = (type: string): type is SubscribableEventType =>
  (SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(type);
export const isEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);
