/** Row types of every table. Times are Unix epoch milliseconds; booleans are 0/1 integers on both dialects. */
export interface OrganizationsTable { id: string; name: string; plan: string; created_at: number }
export interface UsersTable {
  id: string; organization_id: string; email: string; name: string; password_hash: string; created_at: number;
}
export interface SessionsTable {
  token_hash: string; user_id: string; organization_id: string; csrf_token: string; created_at: number; expires_at: number;
}
export interface ApiKeysTable {
  id: string; organization_id: string; name: string; prefix: string; key_hash: string;
  created_at: number; last_used_at: number | null; revoked_at: number | null;
}
export interface IdempotencyKeysTable {
  organization_id: string; key: string; request_hash: string; status_code: number; response_body: string;
  content_type: string; created_at: number;
}
export interface WebhooksTable {
  id: string; organization_id: string; url: string; events: string;
  /** active | disabled (by a person) | failed (by the system); the API's `active` flag is derived from it. */
  status: string;
  description: string | null; secret_encrypted: string; previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null; created_at: number; updated_at: number;
  disabled_reason: string | null; disabled_at: number | null; consecutive_failures: number;
  failure_streak_started_at: number | null; last_success_at: number | null; deleted_at: number | null;
}
export interface EventsTable { id: string; organization_id: string; type: string; body: string; test: number; created_at: number }
export interface DeliveriesTable {
  id: string; organization_id: string; webhook_id: string; event_id: string; event_type: string; status: string;
  attempt_count: number; last_status_code: number | null; last_error: string | null; next_attempt_at: number | null;
  lease_until: number; created_at: number; updated_at: number;
}
export interface DeliveryAttemptsTable {
  delivery_id: string; number: number; webhook_id: string; started_at: number; duration_ms: number;
  status_code: number | null; error: string | null; error_detail: string | null; response_body: string;
}
export interface DocumentsTable {
  id: string; organization_id: string; filename: string; content_type: string; size_bytes: number; sha256: string;
  document_type: string; declared_type: string | null; batch_id: string | null; status: string; uploaded_at: number;
  processed_at: number | null; summary_errors: number | null; summary_warnings: number | null; summary_infos: number | null;
  deleted_at: number | null;
}
export interface FindingsTable {
  document_id: string; position: number; rule_id: string; severity: string; message: string; path: string; hint: string | null;
}
export interface BlobsTable { sha256: string; content: Buffer; size_bytes: number; created_at: number }
export interface JobsTable {
  id: string; task: string; payload: string; status: string; run_at: number; attempts: number; max_attempts: number;
  lease_until: number; last_error: string | null; created_at: number; updated_at: number;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  webhooks: WebhooksTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  documents: DocumentsTable;
  findings: FindingsTable;
  blobs: BlobsTable;
  jobs: JobsTable;
}
