import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage, fieldError, formError } from '../../../../api.js';
import { formatDateTime, plural, sentence, toLocalInputValue } from '../../../../format.js';
import type { EventType, Webhook } from '../../../../types.js';
import { Alert, FieldError } from '../../../../ui/common.js';
import { CopyField } from '../../../../ui/CopyField.js';
import { ConfirmDialog, Dialog } from '../../../../ui/Dialog.js';
import { useToast } from '../../../../ui/Toast.js';
import { WebhookFormDialog } from './WebhookFormDialog.js';

export type WebhookChange = 'created' | 'updated' | 'deleted' | 'recovered';

export type WebhookDialogState =
  | { kind: 'edit' | 'delete' | 'rotate' | 'recover'; webhook: Webhook }
  | { kind: 'create' }
  | null;

interface Props {
  dialog: WebhookDialogState;
  eventTypes: EventType[];
  onClose: () => void;
  /** The webhook after the change; `deleted` when it is gone. */
  onChanged: (webhook: Webhook, change: WebhookChange) => void;
}

export function WebhookDialogs({ dialog, eventTypes, onClose, onChanged }: Props) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <WebhookFormDialog eventTypes={eventTypes} onClose={onClose} onSaved={(w) => onChanged(w, 'created')} />;
    case 'edit':
      return <WebhookFormDialog webhook={dialog.webhook} eventTypes={eventTypes} onClose={onClose} onSaved={(w) => onChanged(w, 'updated')} />;
    case 'delete':
      return <DeleteWebhookDialog webhook={dialog.webhook} onClose={onClose} onDeleted={() => onChanged(dialog.webhook, 'deleted')} />;
    case 'rotate':
      return <RotateSecretDialog webhook={dialog.webhook} onClose={onClose} />;
    case 'recover':
      return <RecoverDialog webhook={dialog.webhook} onClose={onClose} onChanged={(w) => onChanged(w, 'recovered')} />;
  }
}

/** Disable or enable a webhook that is not `failed` (a failed one goes through RecoverDialog). */
export async function setActive(webhook: Webhook, active: boolean): Promise<Webhook> {
  return api.patch<Webhook>(`/webhooks/${webhook.id}`, { active });
}

function DeleteWebhookDialog({ webhook, onClose, onDeleted }: { webhook: Webhook; onClose: () => void; onDeleted: () => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <ConfirmDialog
      title="Delete this webhook?"
      confirmLabel="Delete webhook"
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        try {
          await api.del(`/webhooks/${webhook.id}`);
          toast('Webhook deleted.');
          onDeleted();
        } catch (err) {
          setError(errorMessage(err));
          setBusy(false);
        }
      }}
    >
      <p>
        CargoLint will stop sending events to <strong className="break-anywhere">{webhook.url}</strong> and cancel its
        pending deliveries. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

const GRACE_PERIODS: [number, string][] = [
  [0, 'None — the current secret stops working now'],
  [3600, '1 hour'],
  [86400, '24 hours (recommended)'],
  [604800, '7 days'],
];

function RotateSecretDialog({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const id = useId();
  const [grace, setGrace] = useState(86400);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ secret: string; previous_secret_expires_at: string | null } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post(`/webhooks/${webhook.id}/rotate-secret`, { grace_period_seconds: grace }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <Dialog title="New signing secret" onClose={onClose}>
        <CopyField label="Signing secret" value={result.secret} hint="Copy it now: it is shown only this once." />
        <Alert tone="info">
          {result.previous_secret_expires_at && new Date(result.previous_secret_expires_at).getTime() > Date.now()
            ? <p>Deliveries carry signatures for both secrets until <strong>{formatDateTime(result.previous_secret_expires_at)}</strong>. Update your endpoint before then.</p>
            : <p>The previous secret no longer verifies deliveries. Update your endpoint now.</p>}
        </Alert>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>Done</button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Rotate signing secret" onClose={onClose} dismissible={!busy}>
      <form onSubmit={submit}>
        <p className="dialog-description">
          A new secret signs every delivery from now on. During the grace period, the <code>webhook-signature</code> header
          also carries a signature made with the current secret, so your endpoint keeps verifying while you deploy the new one.
        </p>
        {formError(error, ['grace_period_seconds']) && <Alert>{formError(error, ['grace_period_seconds'])}</Alert>}
        <div className="field">
          <label htmlFor={`${id}-grace`}>Keep the current secret valid for</label>
          <select id={`${id}-grace`} className="select" value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
            {GRACE_PERIODS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
          <FieldError id={`${id}-grace-error`} message={fieldError(error, 'grace_period_seconds')} />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Rotating…' : 'Rotate secret'}</button>
        </div>
      </form>
    </Dialog>
  );
}

function RecoverDialog({ webhook, onClose, onChanged }: { webhook: Webhook; onClose: () => void; onChanged: (w: Webhook) => void }) {
  const id = useId();
  const toast = useToast();
  const reenable = webhook.status !== 'active';
  const defaultSince = webhook.disabled_at ? new Date(new Date(webhook.disabled_at).getTime() - 3600_000) : new Date(Date.now() - 86400_000);
  const [resend, setResend] = useState(true);
  const [since, setSince] = useState(toLocalInputValue(defaultSince));
  const [until, setUntil] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const window_ = () => {
    const body: Record<string, string> = { since: new Date(since).toISOString() };
    if (until) body.until = new Date(until).toISOString();
    return body;
  };
  const validWindow = since !== '' && !Number.isNaN(new Date(since).getTime()) && (!until || new Date(until) > new Date(since));

  const countDeliveries = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ count: number }>(`/webhooks/${webhook.id}/recover`, { ...window_(), dry_run: true });
      setCount(res.count);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (resend && count === null) return void countDeliveries();
    setBusy(true);
    setError(null);
    try {
      let updated = webhook;
      if (reenable) updated = await api.patch<Webhook>(`/webhooks/${webhook.id}`, { active: true });
      let resent = 0;
      if (resend && count) resent = (await api.post<{ count: number }>(`/webhooks/${webhook.id}/recover`, window_())).count;
      toast([reenable ? 'Webhook re-enabled.' : '', resend && count ? `${plural(resent, 'delivery', 'deliveries')} queued again.` : ''].filter(Boolean).join(' ') || 'Nothing to resend.');
      onChanged(updated);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const primary = resend && count === null
    ? (busy ? 'Counting…' : 'Count deliveries')
    : busy ? 'Working…'
    : reenable
      ? (resend && count ? `Re-enable and resend ${plural(count, 'delivery', 'deliveries')}` : 'Re-enable webhook')
      : `Resend ${plural(count ?? 0, 'delivery', 'deliveries')}`;

  return (
    <Dialog title={reenable ? 'Re-enable webhook' : 'Recover failed deliveries'} onClose={onClose} dismissible={!busy} size="large">
      <form onSubmit={submit} noValidate>
        {webhook.status === 'failed' && (
          <Alert tone="warning" title="Disabled after repeated failures">
            <p>{sentence(webhook.disabled_reason) || 'The endpoint kept failing.'}{webhook.disabled_at && <> Disabled {formatDateTime(webhook.disabled_at)}.</>}</p>
          </Alert>
        )}
        <p className="dialog-description">
          {reenable
            ? 'Make sure your endpoint answers with a 2xx status again. Events that happened while the webhook was off were kept as failed deliveries: resend them now or later.'
            : 'Queue this webhook’s failed deliveries again. Each one is resent with its original event id and body, so your endpoint can deduplicate.'}
        </p>
        {reenable && (
          <label className="checkbox-line field">
            <input type="checkbox" checked={resend} onChange={(e) => { setResend(e.target.checked); setCount(null); }} />
            <span>Resend failed deliveries from a time window</span>
          </label>
        )}
        {resend && (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-since`}>Since</label>
              <input id={`${id}-since`} className="input" type="datetime-local" value={since} onChange={(e) => { setSince(e.target.value); setCount(null); }} required />
              <FieldError id={`${id}-since-error`} message={fieldError(error, 'since')} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-until`}>Until<span className="optional"> (optional)</span></label>
              <input id={`${id}-until`} className="input" type="datetime-local" value={until} onChange={(e) => { setUntil(e.target.value); setCount(null); }} />
              <FieldError id={`${id}-until-error`} message={fieldError(error, 'until')} />
            </div>
          </div>
        )}
        {resend && !validWindow && <p className="field-error">Choose a start time{until ? ' before the end time' : ''}.</p>}
        {resend && count !== null && (
          <Alert tone={count > 0 ? 'info' : 'success'}>
            <p aria-live="polite">
              {count > 0
                ? <><strong>{plural(count, 'failed delivery', 'failed deliveries')}</strong> in this window will be sent again.</>
                : 'No failed deliveries in this window: nothing to resend.'}
            </p>
          </Alert>
        )}
        {formError(error, ['since', 'until']) && <Alert>{formError(error, ['since', 'until'])}</Alert>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy || (resend && !validWindow) || (!reenable && count === 0)}>{primary}</button>
        </div>
      </form>
    </Dialog>
  );
}
