import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, fieldError, formError } from '../../../../api.js';
import type { EventType, Webhook } from '../../../../types.js';
import { Alert, FieldError } from '../../../../ui/common.js';
import { CopyField } from '../../../../ui/CopyField.js';
import { Dialog } from '../../../../ui/Dialog.js';
import { subscribable } from './shared.js';

interface Props {
  webhook?: Webhook;
  eventTypes: EventType[];
  onClose: () => void;
  /** Called once the webhook is saved (after the secret was shown, for a new one). */
  onSaved: (webhook: Webhook) => void;
}

const FIELDS = ['url', 'events', 'description', 'active'];

export function WebhookFormDialog({ webhook, eventTypes, onClose, onSaved }: Props) {
  const editing = Boolean(webhook);
  const id = useId();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [events, setEvents] = useState<string[]>(webhook?.events ?? []);
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [active, setActive] = useState(webhook ? webhook.active : true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Webhook | null>(null);
  // A field's error disappears as soon as the user changes that field.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const touch = (field: string) => setEdited((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));
  const errorFor = (field: string) => (edited.has(field) ? undefined : fieldError(error, field));

  const types = subscribable(eventTypes);
  // Events the server knows but the catalogue doesn't list stay visible, so an edit never drops them silently.
  const extra = events.filter((e) => !types.some((t) => t.type === e));

  const toggle = (type: string) => {
    touch('events');
    setEvents((prev) => (prev.includes(type) ? prev.filter((e) => e !== type) : [...prev, type]));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: { path: string; message: string }[] = [];
    if (!url.trim()) local.push({ path: 'url', message: 'Enter the URL CargoLint should send events to.' });
    if (events.length === 0) local.push({ path: 'events', message: 'Choose at least one event.' });
    if (local.length) {
      setEdited(new Set());
      setError(new ApiError(422, { code: 'validation_failed', title: 'Check the highlighted fields', errors: local }));
      return;
    }
    setEdited(new Set());
    setBusy(true);
    setError(null);
    try {
      if (webhook) {
        const body: Record<string, unknown> = {};
        if (url.trim() !== webhook.url) body.url = url.trim();
        if (events.join() !== webhook.events.join()) body.events = events;
        if (description.trim() !== (webhook.description ?? '')) body.description = description.trim() || null;
        if (active !== webhook.active) body.active = active;
        const saved = Object.keys(body).length ? await api.patch<Webhook>(`/webhooks/${webhook.id}`, body) : webhook;
        onSaved(saved);
      } else {
        const body: Record<string, unknown> = { url: url.trim(), events, active };
        if (description.trim()) body.description = description.trim();
        setCreated(await api.post<Webhook>('/webhooks', body, { creates: true }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const done = () => {
      const { secret: _secret, ...rest } = created;
      onSaved(rest);
    };
    return (
      <Dialog title="Webhook created" onClose={done}>
        <Alert tone="success">
          <p>CargoLint will now send the selected events to <strong className="break-anywhere">{created.url}</strong>.</p>
        </Alert>
        {created.secret ? (
          <CopyField
            label="Signing secret"
            value={created.secret}
            hint="Copy it now: it is shown only this once. Your endpoint uses it to verify the X-CargoLint-Signature header of every delivery."
          />
        ) : (
          <p className="muted">The signing secret was not returned. Rotate the secret from the webhook page to get one.</p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={done}>Done</button>
        </div>
      </Dialog>
    );
  }

  const urlError = errorFor('url');
  const eventsError = errorFor('events');
  const descriptionError = errorFor('description');
  const banner = formError(error, FIELDS);
  return (
    <Dialog title={editing ? 'Edit webhook' : 'Add Webhook'} onClose={onClose} dismissible={!busy} size="large">
      <form onSubmit={submit} noValidate className="webhook-form">
        {banner && <Alert>{banner}</Alert>}
        <div className="field">
          <label htmlFor={`${id}-url`}>Endpoint URL</label>
          <input
            id={`${id}-url`}
            className="input mono"
            type="url"
            inputMode="url"
            placeholder="https://example.com/webhooks/cargolint"
            value={url}
            onChange={(e) => {
              touch('url');
              setUrl(e.target.value);
            }}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={`${id}-url-hint${urlError ? ` ${id}-url-error` : ''}`}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <p className="field-hint" id={`${id}-url-hint`}>A public HTTPS address. CargoLint sends a signed POST for every event.</p>
          <FieldError id={`${id}-url-error`} message={urlError} />
        </div>

        <fieldset className="field" aria-describedby={eventsError ? `${id}-events-error` : undefined} aria-invalid={eventsError ? true : undefined}>
          <legend>Events to send</legend>
          <div className="checkbox-cards">
            {types.map((t) => (
              <label key={t.type} className={`checkbox-card${events.includes(t.type) ? ' checked' : ''}`}>
                <input type="checkbox" checked={events.includes(t.type)} onChange={() => toggle(t.type)} />
                <span>
                  <span className="checkbox-card-title mono">{t.type}</span>
                  <span className="checkbox-card-text">{t.description}</span>
                </span>
              </label>
            ))}
            {extra.map((type) => (
              <label key={type} className="checkbox-card checked">
                <input type="checkbox" checked onChange={() => toggle(type)} />
                <span><span className="checkbox-card-title mono">{type}</span></span>
              </label>
            ))}
          </div>
          <FieldError id={`${id}-events-error`} message={eventsError} />
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-description`}>Description<span className="optional"> (optional)</span></label>
          <input
            id={`${id}-description`}
            className="input"
            value={description}
            placeholder="e.g. Customs filing system (production)"
            onChange={(e) => {
              touch('description');
              setDescription(e.target.value);
            }}
            aria-invalid={descriptionError ? true : undefined}
            aria-describedby={descriptionError ? `${id}-description-error` : undefined}
          />
          <FieldError id={`${id}-description-error`} message={descriptionError} />
        </div>

        <div className="field">
          <label className="checkbox-line">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            <span>Active <span className="muted">— send events to this endpoint as soon as it is saved</span></span>
          </label>
        </div>

        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Create Webhook'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
