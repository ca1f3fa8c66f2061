import { useId, useRef, useState, type DragEvent } from 'react';
import { errorMessage, randomId, uploadMultipart } from '../../api.js';
import { DOCUMENT_TYPE_LABELS, formatBytes, plural } from '../../format.js';
import { Link } from '../../router.js';
import type { CargoDocument } from '../../types.js';
import { IconUpload } from '../../ui/icons.js';

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'queued' | 'uploading' | 'done' | 'error';
  error?: string;
  document?: CargoDocument;
}

interface Batch { id: string; uploads: Upload[] }

const PARALLEL_UPLOADS = 3;
export const ACCEPT = '.json,.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/json,application/pdf,image/png,image/jpeg,image/tiff';

export function UploadPanel({ onUploaded }: { onUploaded: (doc: CargoDocument) => void }) {
  const inputId = useId();
  const typeId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [documentType, setDocumentType] = useState('');
  const [dragging, setDragging] = useState(false);
  const [batches, setBatches] = useState<Batch[]>([]);

  const update = (batchId: string, key: string, patch: Partial<Upload>) =>
    setBatches((all) => all.map((b) => (b.id !== batchId ? b : { ...b, uploads: b.uploads.map((u) => (u.key === key ? { ...u, ...patch } : u)) })));

  const start = (files: File[]) => {
    if (files.length === 0) return;
    const batchId = `bat_${randomId(20)}`;
    const uploads: Upload[] = files.map((f, i) => ({ key: `${i}-${f.name}`, name: f.name, size: f.size, progress: 0, state: 'queued' }));
    setBatches((all) => [{ id: batchId, uploads }, ...all].slice(0, 5));
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        const { key } = uploads[i];
        update(batchId, key, { state: 'uploading' });
        const handle = uploadMultipart<CargoDocument>(
          '/documents',
          { batch_id: batchId, document_type: documentType || undefined },
          files[i],
          (progress) => update(batchId, key, { progress }),
        );
        try {
          const doc = await handle.promise;
          update(batchId, key, { state: 'done', progress: 1, document: doc });
          onUploaded(doc);
        } catch (err) {
          update(batchId, key, { state: 'error', error: errorMessage(err) });
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    start(Array.from(e.dataTransfer.files));
  };

  return (
    <section className="card upload-card" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`} className="visually-hidden">Upload documents</h2>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <span className="dropzone-icon"><IconUpload /></span>
        <p className="dropzone-title">Drag and drop documents here</p>
        <p className="dropzone-text">JSON (CargoLint or DCSA eBL), PDF, PNG, JPEG or TIFF · several files at once become one batch</p>
        <div className="dropzone-controls">
          <label htmlFor={inputId} className="visually-hidden">Files to upload</label>
          <input
            ref={input}
            id={inputId}
            className="visually-hidden"
            type="file"
            multiple
            tabIndex={-1}
            accept={ACCEPT}
            onChange={(e) => {
              start(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
          <button type="button" className="button button-primary" onClick={() => input.current?.click()}>Choose files</button>
          <div className="inline-field">
            <label htmlFor={typeId}>Document type</label>
            <select id={typeId} className="select" value={documentType} onChange={(e) => setDocumentType(e.target.value)}>
              <option value="">Detect automatically</option>
              {Object.entries(DOCUMENT_TYPE_LABELS).filter(([v]) => v !== 'unknown').map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </div>
        </div>
      </div>

      {batches.map((batch) => <BatchProgress key={batch.id} batch={batch} onDismiss={() => setBatches((all) => all.filter((b) => b.id !== batch.id))} />)}
    </section>
  );
}

function BatchProgress({ batch, onDismiss }: { batch: Batch; onDismiss: () => void }) {
  const done = batch.uploads.filter((u) => u.state === 'done').length;
  const failed = batch.uploads.filter((u) => u.state === 'error').length;
  const finished = done + failed === batch.uploads.length;
  const bytes = batch.uploads.reduce((s, u) => s + u.size, 0);
  return (
    <div className="batch" aria-label={`Upload batch ${batch.id}`} role="group">
      <div className="batch-head">
        <p className="batch-title" aria-live="polite">
          {finished
            ? `${plural(done, 'file')} uploaded${failed ? `, ${failed} failed` : ''}`
            : `Uploading ${done + failed + 1 > batch.uploads.length ? batch.uploads.length : done + failed + 1} of ${batch.uploads.length}…`}
          <span className="muted"> · {formatBytes(bytes)}</span>
        </p>
        <div className="batch-actions">
          {done > 0 && <Link className="button button-small" to={`/documents?batch_id=${encodeURIComponent(batch.id)}`}>Show this batch</Link>}
          {finished && <button type="button" className="button button-small button-ghost" onClick={onDismiss}>Dismiss</button>}
        </div>
      </div>
      <ul className="upload-list">
        {batch.uploads.map((u) => (
          <li key={u.key} className={`upload upload-${u.state}`}>
            <span className="upload-name" title={u.name}>
              {u.document ? <Link to={`/documents/${u.document.id}`}>{u.name}</Link> : u.name}
            </span>
            <progress className="upload-progress" max={1} value={u.progress} aria-label={`Upload progress of ${u.name}`} />
            <span className="upload-state">
              {u.state === 'queued' && 'Waiting'}
              {u.state === 'uploading' && `${Math.round(u.progress * 100)}%`}
              {u.state === 'done' && 'Uploaded'}
              {u.state === 'error' && <span className="text-danger">{u.error}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
