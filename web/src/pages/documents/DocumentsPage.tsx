import { useEffect, useId, useState } from 'react';
import { api, errorMessage, postForBlob, saveBlob } from '../../api.js';
import { DOCUMENT_TYPE_LABELS, documentTypeLabel, formatBytes, plural } from '../../format.js';
import { useDocumentTitle, useNow, usePagedList, usePolling } from '../../hooks.js';
import { Link, useQueryParam } from '../../router.js';
import type { CargoDocument, Page } from '../../types.js';
import { DocumentStatusBadge, FindingCounts } from '../../ui/Badge.js';
import { EmptyState, LoadError, LoadMore, PageHeader, RelativeTime, Spinner } from '../../ui/common.js';
import { IconDocuments } from '../../ui/icons.js';
import { useToast } from '../../ui/Toast.js';
import { UploadPanel } from './UploadPanel.js';

const BATCH_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const STATUSES: [string, string][] = [
  ['processing', 'Processing'],
  ['processed', 'Processed'],
  ['requires_review', 'Requires review'],
  ['failed', 'Failed'],
];

export function DocumentsPage() {
  useDocumentTitle('Documents');
  const toast = useToast();
  const now = useNow();
  const [status, setStatus] = useQueryParam('status');
  const [documentType, setDocumentType] = useQueryParam('document_type');
  const [batchId, setBatchId] = useQueryParam('batch_id');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [downloading, setDownloading] = useState(false);

  const list = usePagedList<CargoDocument>(
    (cursor, signal) => api.get<Page<CargoDocument>>('/documents', { status, document_type: documentType, batch_id: batchId, limit: 25, cursor }, signal),
    [status, documentType, batchId],
  );
  const processing = list.items.some((d) => d.status === 'processing');
  usePolling(() => void list.refresh({ silent: true }), 2000, processing);

  // A selection only ever holds documents still in the list.
  useEffect(() => {
    setSelected((prev) => {
      const ids = new Set(list.items.map((d) => d.id));
      const kept = new Set([...prev].filter((id) => ids.has(id)));
      return kept.size === prev.size ? prev : kept;
    });
  }, [list.items]);

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = list.items.length > 0 && list.items.every((d) => selected.has(d.id));
  const someSelected = selected.size > 0 && !allSelected;

  const downloadZip = async () => {
    const ids = list.items.filter((d) => selected.has(d.id)).map((d) => d.id);
    if (ids.length === 0) return;
    setDownloading(true);
    try {
      const { blob, filename } = await postForBlob('/documents/batch-download', { document_ids: ids });
      saveBlob(blob, filename ?? `cargolint-documents-${new Date().toISOString().slice(0, 10)}.zip`);
      toast(`ZIP with ${plural(ids.length, 'document')} downloaded.`);
    } catch (err) {
      toast(`Download failed: ${errorMessage(err)}`, 'error');
    } finally {
      setDownloading(false);
    }
  };

  const filtered = Boolean(status || documentType || batchId);
  return (
    <>
      <PageHeader
        title="Documents"
        description="Upload trade documents to check them against customs and carrier rules. Findings appear within seconds."
      />
      <UploadPanel onUploaded={() => void list.refresh({ silent: true })} />

      <section className="card list-card" aria-labelledby="documents-list-heading">
        <div className="list-toolbar">
          <h2 id="documents-list-heading" className="section-title">All documents</h2>
          <Filters
            status={status} setStatus={setStatus}
            documentType={documentType} setDocumentType={setDocumentType}
            batchId={batchId} setBatchId={setBatchId}
          />
        </div>

        <div className="selection-bar" aria-live="polite">
          <span className="muted">
            {selected.size > 0 ? `${plural(selected.size, 'document')} selected` : 'Select documents to download them together as one ZIP.'}
          </span>
          <span className="selection-actions">
            {selected.size > 0 && <button type="button" className="button button-small button-ghost" onClick={() => setSelected(new Set())}>Clear selection</button>}
            {batchId && (
              <a className="button button-small" href={`/api/v1/documents/batch/${encodeURIComponent(batchId)}/download`} download>
                Download whole batch
              </a>
            )}
            <button type="button" className="button button-small button-primary" disabled={selected.size === 0 || downloading} onClick={() => void downloadZip()}>
              {downloading ? 'Preparing ZIP…' : 'Download ZIP'}
            </button>
          </span>
        </div>

        {list.error !== undefined && list.items.length === 0 ? (
          <LoadError error={list.error} onRetry={() => void list.refresh()} />
        ) : list.loading && list.items.length === 0 ? (
          <Spinner label="Loading documents…" />
        ) : list.items.length === 0 ? (
          filtered ? (
            <EmptyState title="No documents match these filters" action={<button type="button" className="button" onClick={() => { setStatus(''); setDocumentType(''); setBatchId(''); }}>Clear filters</button>} />
          ) : (
            <EmptyState title="No documents yet" icon={<IconDocuments />}>
              <p>Drop a commercial invoice, packing list or bill of lading above. CargoLint checks container numbers, HS codes, parties, weights and more.</p>
            </EmptyState>
          )
        ) : (
          <div className="table-wrap">
            <table className="table documents-table">
              <thead>
                <tr>
                  <th scope="col" className="col-check">
                    <label className="check-label">
                      <input
                        type="checkbox"
                        checked={allSelected}
                        ref={(el) => {
                          if (el) el.indeterminate = someSelected;
                        }}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(list.items.map((d) => d.id)))}
                      />
                      <span className="visually-hidden">Select all documents shown</span>
                    </label>
                  </th>
                  <th scope="col">Document</th>
                  <th scope="col">Status</th>
                  <th scope="col">Findings</th>
                  <th scope="col" className="hide-sm">Batch</th>
                  <th scope="col" className="hide-sm">Uploaded</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((d) => (
                  <tr key={d.id} className={selected.has(d.id) ? 'row-selected' : undefined}>
                    <td className="col-check">
                      <label className="check-label">
                        <input type="checkbox" checked={selected.has(d.id)} onChange={() => toggle(d.id)} />
                        <span className="visually-hidden">Select {d.filename}</span>
                      </label>
                    </td>
                    <td>
                      <Link to={`/documents/${d.id}`} className="strong-link">{d.filename}</Link>
                      <div className="cell-sub">{documentTypeLabel(d.document_type)} · {formatBytes(d.size_bytes)}</div>
                    </td>
                    <td><DocumentStatusBadge status={d.status} /></td>
                    <td><FindingCounts summary={d.status === 'processing' ? null : d.summary} /></td>
                    <td className="hide-sm">
                      {d.batch_id ? (
                        <button type="button" className="link-button mono" onClick={() => setBatchId(d.batch_id!)} title="Show only this batch">
                          {shortBatch(d.batch_id)}<span className="visually-hidden"> (show only this batch)</span>
                        </button>
                      ) : <span className="muted">—</span>}
                    </td>
                    <td className="hide-sm nowrap"><RelativeTime iso={d.uploaded_at} now={now} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={list} />
      </section>
    </>
  );
}

function shortBatch(id: string): string {
  return id.length > 14 ? `${id.slice(0, 12)}…` : id;
}

interface FiltersProps {
  status: string; setStatus: (v: string) => void;
  documentType: string; setDocumentType: (v: string) => void;
  batchId: string; setBatchId: (v: string) => void;
}

function Filters({ status, setStatus, documentType, setDocumentType, batchId, setBatchId }: FiltersProps) {
  const id = useId();
  const [batchDraft, setBatchDraft] = useState(batchId);
  useEffect(() => setBatchDraft(batchId), [batchId]);
  const draft = batchDraft.trim();
  const batchInvalid = draft !== '' && !BATCH_PATTERN.test(draft);
  useEffect(() => {
    if (draft === batchId || (draft !== '' && !BATCH_PATTERN.test(draft))) return;
    const t = window.setTimeout(() => setBatchId(draft), 400);
    return () => window.clearTimeout(t);
  }, [draft]);
  return (
    <div className="filters" role="group" aria-label="Filter documents">
      <div className="inline-field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} className="select" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {STATUSES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} className="select" value={documentType} onChange={(e) => setDocumentType(e.target.value)}>
          <option value="">All types</option>
          {Object.entries(DOCUMENT_TYPE_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-batch`}>Batch</label>
        <span className="input-with-button">
          <input
            id={`${id}-batch`}
            className="input mono"
            value={batchDraft}
            placeholder="bat_…"
            onChange={(e) => setBatchDraft(e.target.value)}
            spellCheck={false}
            aria-invalid={batchInvalid ? true : undefined}
            aria-describedby={batchInvalid ? `${id}-batch-error` : undefined}
          />
          {batchDraft && (
            <button type="button" className="icon-button" aria-label="Clear batch filter" onClick={() => { setBatchDraft(''); setBatchId(''); }}>
              <svg aria-hidden="true" viewBox="0 0 20 20" width="14" height="14"><path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
            </button>
          )}
        </span>
        {batchInvalid && <p className="field-error" id={`${id}-batch-error`}>Letters, digits, _ and - only.</p>}
      </div>
    </div>
  );
}
