import { useState } from 'react';
import { api, errorMessage } from '../../api.js';
import { documentTypeLabel, formatBytes, formatDateTime, plural } from '../../format.js';
import { useDocumentTitle, usePolling, useResource } from '../../hooks.js';
import { Link, navigate } from '../../router.js';
import type { CargoDocument, Finding, Severity } from '../../types.js';
import { Badge, DocumentStatusBadge, type Tone } from '../../ui/Badge.js';
import { Alert, Breadcrumb, EmptyState, LoadError, PageHeader, Spinner } from '../../ui/common.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { useToast } from '../../ui/Toast.js';

const SEVERITIES: { severity: Severity; heading: string; label: string; tone: Tone }[] = [
  { severity: 'error', heading: 'Errors', label: 'Error', tone: 'danger' },
  { severity: 'warning', heading: 'Warnings', label: 'Warning', tone: 'warning' },
  { severity: 'info', heading: 'Information', label: 'Info', tone: 'info' },
];

export function DocumentPage({ id }: { id: string }) {
  const toast = useToast();
  const doc = useResource((signal) => api.get<CargoDocument>(`/documents/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const d = doc.data;
  useDocumentTitle(d?.filename ?? 'Document');
  usePolling(() => void doc.reload({ silent: true }), 2000, d?.status === 'processing');
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();

  const breadcrumb = <Breadcrumb items={[{ label: 'Documents', to: '/documents' }, { label: d?.filename ?? id }]} />;
  if (!d) {
    return (
      <>
        <PageHeader title="Document" breadcrumb={breadcrumb} />
        {doc.error ? <LoadError error={doc.error} onRetry={() => void doc.reload()} /> : <Spinner label="Loading document…" />}
      </>
    );
  }

  const remove = async () => {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await api.del(`/documents/${encodeURIComponent(d.id)}`);
      toast(`${d.filename} deleted.`);
      navigate('/documents');
    } catch (err) {
      setDeleteError(errorMessage(err));
      setDeleting(false);
    }
  };

  const contentUrl = `/api/v1/documents/${encodeURIComponent(d.id)}/content`;
  const findings = d.findings ?? [];
  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={<span className="break-anywhere">{d.filename}</span>}
        description={<span className="header-meta"><DocumentStatusBadge status={d.status} /> {documentTypeLabel(d.document_type)} · {formatBytes(d.size_bytes)}</span>}
        actions={
          <>
            <a className="button" href={contentUrl} target="_blank" rel="noopener">View original<span className="visually-hidden"> (opens in a new tab)</span></a>
            <a className="button" href={contentUrl} download={d.filename}>Download</a>
            <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)}>Delete</button>
          </>
        }
      />

      <div className="grid-2-1">
        <section className="card" aria-labelledby="findings-heading">
          <div className="card-head">
            <h2 id="findings-heading" className="section-title">Findings</h2>
            {d.summary && d.status !== 'processing' && <SummaryLine summary={d.summary} />}
          </div>
          {d.status === 'processing' ? (
            <Spinner label="Checking this document against the compliance rules…" />
          ) : (
            <>
              {d.status === 'failed' && (
                <Alert title="This document could not be processed">
                  <p>CargoLint could not read it. Check that the file is a supported format and not damaged, then upload it again.</p>
                </Alert>
              )}
              {findings.length === 0 ? (
                d.status !== 'failed' && (
                  <EmptyState title="No findings">
                    <p>Every rule passed. This document is ready to file.</p>
                  </EmptyState>
                )
              ) : (
                SEVERITIES.map((s) => <FindingGroup key={s.severity} {...s} findings={findings.filter((f) => f.severity === s.severity)} />)
              )}
            </>
          )}
        </section>

        <aside className="card" aria-labelledby="details-heading">
          <h2 id="details-heading" className="section-title">Details</h2>
          <dl className="details">
            <dt>Status</dt><dd><DocumentStatusBadge status={d.status} /></dd>
            <dt>Type</dt><dd>{documentTypeLabel(d.document_type)}</dd>
            <dt>File</dt><dd>{d.content_type} · {formatBytes(d.size_bytes)}</dd>
            <dt>Uploaded</dt><dd>{formatDateTime(d.uploaded_at)}</dd>
            <dt>Processed</dt><dd>{formatDateTime(d.processed_at)}</dd>
            <dt>Batch</dt>
            <dd>{d.batch_id ? <Link className="mono" to={`/documents?batch_id=${encodeURIComponent(d.batch_id)}`}>{d.batch_id}</Link> : '—'}</dd>
            <dt>ID</dt><dd className="mono break-anywhere">{d.id}</dd>
            <dt>SHA-256</dt><dd className="mono break-anywhere small">{d.sha256}</dd>
          </dl>
        </aside>
      </div>

      {confirming && (
        <ConfirmDialog
          title="Delete this document?"
          confirmLabel="Delete document"
          onConfirm={remove}
          onClose={() => setConfirming(false)}
          busy={deleting}
          error={deleteError}
        >
          <p><strong className="break-anywhere">{d.filename}</strong> and its findings will be deleted for everyone in your organization. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function SummaryLine({ summary }: { summary: { errors: number; warnings: number; infos: number } }) {
  return (
    <p className="summary-line">
      <Badge tone={summary.errors ? 'danger' : 'neutral'}>{plural(summary.errors, 'error')}</Badge>
      <Badge tone={summary.warnings ? 'warning' : 'neutral'}>{plural(summary.warnings, 'warning')}</Badge>
      <Badge tone={summary.infos ? 'info' : 'neutral'}>{plural(summary.infos, 'info')}</Badge>
    </p>
  );
}

function FindingGroup({ severity, heading, label, tone, findings }: { severity: Severity; heading: string; label: string; tone: Tone; findings: Finding[] }) {
  if (findings.length === 0) return null;
  const headingId = `findings-${severity}`;
  return (
    <section className={`finding-group finding-group-${severity}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading} <span className="count">{findings.length}</span></h3>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={`${f.rule_id}-${i}`} className={`finding finding-${severity}`}>
            <div className="finding-head">
              <Badge tone={tone}>{label}</Badge>
              <p className="finding-message">{f.message}</p>
            </div>
            <p className="finding-meta">
              {f.path && <><span className="finding-where">Where</span> <code className="finding-path">{f.path}</code></>}
              <span className="finding-rule" title="Rule">{f.rule_id}</span>
            </p>
            {f.hint && <p className="finding-hint"><strong>How to fix:</strong> {f.hint}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
