import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage, fieldError, formError } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { useDocumentTitle, useNow, useResource } from '../../hooks.js';
import type { ApiKey, Page } from '../../types.js';
import { Badge } from '../../ui/Badge.js';
import { Alert, Breadcrumb, EmptyState, FieldError, LoadError, PageHeader, RelativeTime, Spinner } from '../../ui/common.js';
import { CopyField } from '../../ui/CopyField.js';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.js';
import { IconKey } from '../../ui/icons.js';
import { useToast } from '../../ui/Toast.js';

export function ApiKeysPage() {
  useDocumentTitle('API Keys');
  const toast = useToast();
  const now = useNow();
  const keys = useResource((signal) => api.get<Page<ApiKey>>('/api-keys', { limit: 100 }, signal), []);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string>();

  const items = keys.data?.data ?? [];
  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(undefined);
    try {
      await api.del(`/api-keys/${encodeURIComponent(revoking.id)}`);
      toast(`API key “${revoking.name}” revoked.`);
      setRevoking(null);
      await keys.reload({ silent: true });
    } catch (err) {
      setRevokeError(errorMessage(err));
    } finally {
      setRevokeBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb items={[{ label: 'Settings' }, { label: 'API Keys' }]} />}
        title="API Keys"
        description={<>Keys let your own scripts and systems call the CargoLint API with <code>Authorization: Bearer cl_…</code>. Each key acts for your whole organization.</>}
        actions={<button type="button" className="button button-primary" onClick={() => setCreating(true)}>Create API key</button>}
      />
      {keys.error !== undefined && !keys.data ? (
        <LoadError error={keys.error} onRetry={() => void keys.reload()} />
      ) : !keys.data ? (
        <Spinner label="Loading API keys…" />
      ) : items.length === 0 ? (
        <section className="card">
          <EmptyState title="No API keys yet" icon={<IconKey />}>
            <p>Create a key for each system that talks to CargoLint, so you can revoke one without touching the others.</p>
          </EmptyState>
        </section>
      ) : (
        <section className="card list-card" aria-label="API keys">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last used</th>
                  <th scope="col" className="hide-sm">Created</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((k) => (
                  <tr key={k.id} className={k.revoked_at ? 'row-muted' : undefined}>
                    <td className="strong">{k.name}</td>
                    <td className="mono nowrap">{k.prefix}…</td>
                    <td>{k.revoked_at ? <Badge tone="neutral" title={`Revoked ${formatDateTime(k.revoked_at)}`}>Revoked</Badge> : <Badge tone="success">Active</Badge>}</td>
                    <td className="nowrap">{k.last_used_at ? <RelativeTime iso={k.last_used_at} now={now} /> : <span className="muted">Never</span>}</td>
                    <td className="hide-sm nowrap">{formatDateTime(k.created_at)}</td>
                    <td>
                      {!k.revoked_at && (
                        <button type="button" className="button button-small button-danger-outline" onClick={() => { setRevokeError(undefined); setRevoking(k); }}>
                          Revoke<span className="visually-hidden"> {k.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {creating && <CreateKeyDialog onClose={() => setCreating(false)} onCreated={() => void keys.reload({ silent: true })} />}
      {revoking && (
        <ConfirmDialog
          title="Revoke this API key?"
          confirmLabel="Revoke key"
          busy={revokeBusy}
          error={revokeError}
          onClose={() => setRevoking(null)}
          onConfirm={revoke}
        >
          <p>Requests made with <strong>{revoking.name}</strong> (<span className="mono">{revoking.prefix}…</span>) will be refused from now on. Anything still using it stops working. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<ApiKey | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const key = await api.post<ApiKey>('/api-keys', { name: name.trim() }, { creates: true });
      setCreated(key);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Dialog title="API key created" onClose={onClose}>
        <CopyField label={`API key “${created.name}”`} value={created.key ?? ''} hint="Copy it now: it is shown only this once. Store it in your secret manager." />
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>Done</button>
        </div>
      </Dialog>
    );
  }

  const nameError = fieldError(error, 'name');
  const banner = formError(error, ['name']);
  return (
    <Dialog title="Create API key" onClose={onClose} dismissible={!busy}>
      <form onSubmit={submit} noValidate>
        {banner && <Alert>{banner}</Alert>}
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Customs filing integration"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${id}-hint${nameError ? ` ${id}-error` : ''}`}
            required
          />
          <p className="field-hint" id={`${id}-hint`}>So you know later which system uses it.</p>
          <FieldError id={`${id}-error`} message={nameError} />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>{busy ? 'Creating…' : 'Create key'}</button>
        </div>
      </form>
    </Dialog>
  );
}
