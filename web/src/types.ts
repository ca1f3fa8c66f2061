// Wire types of the CargoLint API (CONTRACT §3, §4, §6). Field names stay snake_case as on the wire.

export type Plan = 'free' | 'starter' | 'business' | 'enterprise';

export interface User { id: string; email: string; name: string }
export interface Organization { id: string; name: string; plan: Plan; created_at?: string }
export interface Me { user: User; organization: Organization }

export interface Page<T> { data: T[]; has_more?: boolean; next_cursor?: string | null }

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  key?: string;
}

export interface EventType { type: string; description: string; sample?: unknown }

export type WebhookStatus = 'active' | 'disabled' | 'failed';
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  status: WebhookStatus;
  description: string | null;
  created_at: string;
  updated_at: string;
  disabled_reason: string | null;
  disabled_at: string | null;
  consecutive_failures: number;
  last_success_at: string | null;
  secret?: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';
export interface Attempt {
  number: number;
  started_at: string;
  duration_ms: number | null;
  status_code: number | null;
  error: string | null;
  /** Readable detail when no response arrived (refused address, DNS answer…). */
  error_detail?: string | null;
  response_body: string | null;
}
export interface Delivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  retry_count: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  attempts?: Attempt[];
}

export interface StatsBucket {
  start: string;
  succeeded: number;
  failed: number;
  avg_latency_ms: number | null;
  p95_latency_ms: number | null;
}

export type DocumentStatus = 'processing' | 'processed' | 'requires_review' | 'failed';
export type DocumentType =
  | 'commercial_invoice'
  | 'packing_list'
  | 'bill_of_lading'
  | 'certificate_of_origin'
  | 'air_waybill'
  | 'dangerous_goods_declaration'
  | 'unknown';
export type Severity = 'error' | 'warning' | 'info';
export interface Finding { rule_id: string; severity: Severity; message: string; path: string | null; hint?: string | null }
export interface Summary { errors: number; warnings: number; infos: number }
export interface CargoDocument {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  document_type: DocumentType | null;
  batch_id: string | null;
  status: DocumentStatus;
  uploaded_at: string;
  processed_at: string | null;
  summary: Summary | null;
  findings?: Finding[];
}
