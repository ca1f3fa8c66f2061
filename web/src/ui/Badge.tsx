import type { ReactNode } from 'react';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral' | 'accent';

export function Badge({ tone, children, title, pulse }: { tone: Tone; children: ReactNode; title?: string; pulse?: boolean }) {
  return (
    <span className={`badge badge-${tone}${pulse ? ' badge-pulse' : ''}`} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}

const WEBHOOK: Record<string, [Tone, string]> = {
  active: ['success', 'Active'],
  disabled: ['neutral', 'Disabled'],
  failed: ['danger', 'Failed'],
};
const DELIVERY: Record<string, [Tone, string]> = {
  pending: ['info', 'Pending'],
  succeeded: ['success', 'Succeeded'],
  failed: ['danger', 'Failed'],
};
const DOCUMENT: Record<string, [Tone, string]> = {
  processing: ['info', 'Processing'],
  processed: ['success', 'Processed'],
  requires_review: ['warning', 'Requires review'],
  failed: ['danger', 'Failed'],
};

export function WebhookStatusBadge({ status }: { status: string }) {
  const [tone, label] = WEBHOOK[status] ?? ['neutral', status];
  return <Badge tone={tone}>{label}</Badge>;
}

export function DeliveryStatusBadge({ status }: { status: string }) {
  const [tone, label] = DELIVERY[status] ?? ['neutral', status];
  return <Badge tone={tone} pulse={status === 'pending'}>{label}</Badge>;
}

export function DocumentStatusBadge({ status }: { status: string }) {
  const [tone, label] = DOCUMENT[status] ?? ['neutral', status];
  return <Badge tone={tone} pulse={status === 'processing'}>{label}</Badge>;
}

export function StatusCode({ code }: { code: number | null | undefined }) {
  if (code === null || code === undefined) return <span className="muted">—</span>;
  const tone = code >= 200 && code < 300 ? 'success' : code >= 500 || code === 410 ? 'danger' : 'warning';
  return <span className={`status-code status-code-${tone}`}>{code}</span>;
}

export function FindingCounts({ summary }: { summary: { errors: number; warnings: number; infos: number } | null }) {
  if (!summary) return <span className="muted">—</span>;
  const { errors, warnings, infos } = summary;
  if (errors + warnings + infos === 0) return <Badge tone="success">No findings</Badge>;
  return (
    <span className="finding-counts">
      {errors > 0 && <Badge tone="danger">{errors} {errors === 1 ? 'error' : 'errors'}</Badge>}
      {warnings > 0 && <Badge tone="warning">{warnings} {warnings === 1 ? 'warning' : 'warnings'}</Badge>}
      {infos > 0 && <Badge tone="info">{infos} {infos === 1 ? 'info' : 'infos'}</Badge>}
    </span>
  );
}
