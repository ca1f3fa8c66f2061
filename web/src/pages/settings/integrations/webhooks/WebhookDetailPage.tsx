import { useId, useState } from 'react';
import { api, errorMessage } from '../../../../api.js';
import { formatDateTime, plural, sentence } from '../../../../format.js';
import { useDocumentTitle, useNow, usePolling, useResource } from '../../../../hooks.js';
import { navigate } from '../../../../router.js';
import { useMe } from '../../../../session.js';
import type { StatsBucket, Webhook } from '../../../../types.js';
import { WebhookStatusBadge } from '../../../../ui/Badge.js';
import { Alert, LoadError, PageHeader, RelativeTime, Spinner } from '../../../../ui/common.js';
import { useToast } from '../../../../ui/Toast.js';
import { DeliveryHistory } from './DeliveryHistory.js';
import { StatsChart, summarize } from './StatsChart.js';
import { setActive, WebhookDialogs, type WebhookDialogState } from './WebhookDialogs.js';
import { EventChips, hostOf, isPlanGate, PlanGate, TEST_EVENT, useEventTypes, WebhooksBreadcrumb, webhooksPath } from './shared.js';
import { VerifyHelp } from './VerifyHelp.js';

export function WebhookDetailPage({ id }: { id: string }) {
  const { organization } = useMe();
  const toast = useToast();
  const now = useNow();
  const eventTypes = useEventTypes();
  const hook = useResource((signal) => api.get<Webhook>(`/webhooks/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const stats = useResource((signal) => api.get<{ buckets: StatsBucket[] }>(`/webhooks/${encodeURIComponent(id)}/stats`, undefined, signal), [id]);
  const [dialog, setDialog] = useState<WebhookDialogState>(null);
  const [deliveriesKey, setDeliveriesKey] = useState(0);
  const [toggling, setToggling] = useState(false);
  const w = hook.data;
  useDocumentTitle(w ? `Webhook ${hostOf(w.url)}` : 'Webhook');

  // The webhook's status (failed after retries) and the chart move on their own: keep them fresh.
  usePolling(() => {
    void hook.reload({ silent: true });
    void stats.reload({ silent: true });
  }, 5000, Boolean(w));

  if (isPlanGate(hook.error)) {
    return (
      <>
        <PageHeader breadcrumb={<WebhooksBreadcrumb current={id} />} title="Webhook" />
        <PlanGate plan={organization.plan} />
      </>
    );
  }
  if (!w) {
    return (
      <>
        <PageHeader breadcrumb={<WebhooksBreadcrumb current={id} />} title="Webhook" />
        {hook.error ? <LoadError error={hook.error} onRetry={() => void hook.reload()} /> : <Spinner label="Loading webhook…" />}
      </>
    );
  }

  const toggle = async () => {
    if (w.status === 'failed') return setDialog({ kind: 'recover', webhook: w });
    setToggling(true);
    try {
      const updated = await setActive(w, !w.active);
      hook.setData(() => updated);
      toast(updated.active ? 'Webhook enabled.' : 'Webhook disabled. Events are kept as failed deliveries you can recover later.');
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setToggling(false);
    }
  };

  const summary = stats.data ? summarize(stats.data.buckets) : null;
  return (
    <>
      <PageHeader
        breadcrumb={<WebhooksBreadcrumb current={hostOf(w.url)} />}
        title={<span className="mono break-anywhere title-url">{w.url}</span>}
        description={<span className="header-meta"><WebhookStatusBadge status={w.status} />{w.description && <span>{w.description}</span>}</span>}
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'edit', webhook: w })}>Edit</button>
            <button type="button" className="button" disabled={toggling} onClick={() => void toggle()}>
              {w.status === 'failed' ? 'Re-enable…' : w.active ? 'Disable' : 'Enable'}
            </button>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'rotate', webhook: w })}>Rotate secret</button>
            <button type="button" className="button button-danger-outline" onClick={() => setDialog({ kind: 'delete', webhook: w })}>Delete</button>
          </>
        }
      />

      {w.status === 'failed' && (
        <Alert tone="error" title="This webhook was disabled after repeated failures">
          <p>{sentence(w.disabled_reason) || 'Its endpoint kept failing.'}{w.disabled_at && <> Disabled {formatDateTime(w.disabled_at)}.</>} New events are kept as failed deliveries, ready to resend.</p>
          <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'recover', webhook: w })}>Re-enable and recover deliveries</button>
        </Alert>
      )}
      {w.status === 'disabled' && (
        <Alert tone="warning" title="This webhook is disabled">
          <p>Nothing is sent while it is disabled. Matching events are kept as failed deliveries, which you can resend after enabling it.</p>
        </Alert>
      )}

      <div className="grid-2">
        <TestPayloadCard webhookId={w.id} onSent={() => setDeliveriesKey((k) => k + 1)} eventTypes={eventTypes.map((t) => t.type)} />
        <section className="card" aria-labelledby="webhook-details-heading">
          <h2 id="webhook-details-heading" className="section-title">Details</h2>
          <dl className="details">
            <dt>Events</dt><dd><EventChips events={w.events} /></dd>
            <dt>Last success</dt><dd>{w.last_success_at ? <RelativeTime iso={w.last_success_at} now={now} /> : <span className="muted">No event delivered yet</span>}</dd>
            <dt>Failure streak</dt><dd>{w.consecutive_failures > 0 ? <span className="text-danger">{plural(w.consecutive_failures, 'failed attempt')} in a row</span> : 'None'}</dd>
            <dt>Created</dt><dd>{formatDateTime(w.created_at)}</dd>
            <dt>ID</dt><dd className="mono">{w.id}</dd>
          </dl>
          <div className="card-foot">
            <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'recover', webhook: w })}>
              {w.status === 'active' ? 'Recover failed deliveries' : 'Re-enable and recover…'}
            </button>
          </div>
        </section>
      </div>

      <section className="card" aria-labelledby="stats-heading">
        <div className="card-head">
          <h2 id="stats-heading" className="section-title">Last 24 hours</h2>
          {summary && (
            <dl className="stat-row">
              <div><dt>Succeeded</dt><dd className="text-success">{summary.succeeded}</dd></div>
              <div><dt>Failed</dt><dd className={summary.failed ? 'text-danger' : undefined}>{summary.failed}</dd></div>
              <div><dt>Success rate</dt><dd>{summary.successRate === null ? '—' : `${(summary.successRate * 100).toFixed(summary.successRate === 1 ? 0 : 1)}%`}</dd></div>
              <div><dt>Avg latency</dt><dd>{summary.avgLatency === null ? '—' : `${Math.round(summary.avgLatency)} ms`}</dd></div>
            </dl>
          )}
        </div>
        {stats.data ? <StatsChart buckets={stats.data.buckets} /> : stats.error ? <p className="muted">The chart is unavailable right now.</p> : <Spinner label="Loading chart…" />}
      </section>

      <DeliveryHistory
        webhookId={w.id}
        eventTypes={eventTypes}
        refreshKey={deliveriesKey}
        onActivity={() => {
          void hook.reload({ silent: true });
          void stats.reload({ silent: true });
        }}
      />

      <VerifyHelp />

      <WebhookDialogs
        dialog={dialog}
        eventTypes={eventTypes}
        onClose={() => setDialog(null)}
        onChanged={(updated, change) => {
          setDialog(null);
          if (change === 'deleted') return navigate(webhooksPath);
          hook.setData(() => updated);
          if (change === 'updated') toast('Webhook saved.');
          if (change === 'recovered') setDeliveriesKey((k) => k + 1);
        }}
      />
    </>
  );
}

function TestPayloadCard({ webhookId, eventTypes, onSent }: { webhookId: string; eventTypes: string[]; onSent: () => void }) {
  const id = useId();
  const toast = useToast();
  const [eventType, setEventType] = useState(TEST_EVENT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const options = [TEST_EVENT, ...eventTypes.filter((t) => t !== TEST_EVENT)];

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = eventType === TEST_EVENT ? {} : { event_type: eventType };
      const res = await api.post<{ delivery_id: string }>(`/webhooks/${encodeURIComponent(webhookId)}/test`, body);
      toast(`Test payload queued${res?.delivery_id ? ` (${res.delivery_id})` : ''}. Watch it arrive in Delivery History.`);
      onSent();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">Test your endpoint</h2>
      <p className="muted">Sends one signed delivery to this webhook only, whatever its events or status. A sample of a real event shows the exact payload your endpoint will receive.</p>
      <div className="test-row">
        <div className="field">
          <label htmlFor={`${id}-event`}>Event</label>
          <select id={`${id}-event`} className="select" value={eventType} onChange={(e) => setEventType(e.target.value)}>
            {options.map((t) => <option key={t} value={t}>{t === TEST_EVENT ? `${t} (ping)` : `${t} (sample)`}</option>)}
          </select>
        </div>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void send()}>
          {busy ? 'Sending…' : 'Send Test Payload'}
        </button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
