import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../../../../api.js';
import { formatDateTime, formatDuration, formatRelative, plural } from '../../../../format.js';
import { useNow, usePagedList, usePolling } from '../../../../hooks.js';
import { useQueryParam } from '../../../../router.js';
import type { Attempt, Delivery, EventType, Page } from '../../../../types.js';
import { DeliveryStatusBadge, StatusCode } from '../../../../ui/Badge.js';
import { EmptyState, LoadError, LoadMore, RelativeTime, Spinner } from '../../../../ui/common.js';
import { IconChevron } from '../../../../ui/icons.js';
import { useToast } from '../../../../ui/Toast.js';
import { TEST_EVENT } from './shared.js';

const POLL_MS = 2500;

interface Props {
  webhookId: string;
  eventTypes: EventType[];
  /** Changing it reloads the list at once (after Send Test Payload, a recovery…). */
  refreshKey: number;
  /** Called when a delivery appears or changes state, so the page can refresh what depends on it. */
  onActivity?: () => void;
}

export function DeliveryHistory({ webhookId, eventTypes, refreshKey, onActivity }: Props) {
  const id = useId();
  const toast = useToast();
  const now = useNow(10_000);
  const [status, setStatus] = useQueryParam('status');
  const [eventType, setEventType] = useQueryParam('event_type');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [details, setDetails] = useState<Record<string, Delivery>>({});
  const [redelivering, setRedelivering] = useState<string | null>(null);
  const base = `/webhooks/${encodeURIComponent(webhookId)}/deliveries`;

  const list = usePagedList<Delivery>(
    (cursor, signal) => api.get<Page<Delivery>>(base, { status, event_type: eventType, limit: 20, cursor }, signal),
    [webhookId, status, eventType, refreshKey],
  );

  const loadDetail = async (deliveryId: string) => {
    try {
      const d = await api.get<Delivery>(`${base}/${encodeURIComponent(deliveryId)}`);
      setDetails((prev) => ({ ...prev, [deliveryId]: d }));
    } catch {
      // The row still shows the summary; the next poll tries again.
    }
  };

  const signature = list.items.map((d) => `${d.id}:${d.status}:${d.attempt_count}`).join();
  const lastSignature = useRef<string | null>(null);
  const onActivityRef = useRef(onActivity);
  useEffect(() => {
    onActivityRef.current = onActivity;
  });
  useEffect(() => {
    if (list.loading) return;
    if (lastSignature.current !== null && lastSignature.current !== signature) onActivityRef.current?.();
    lastSignature.current = signature;
  }, [signature, list.loading]);

  usePolling(() => {
    void list.refresh({ silent: true });
    expanded.forEach((d) => void loadDetail(d));
  }, POLL_MS);

  const toggle = (deliveryId: string) => {
    const opening = !expanded.has(deliveryId);
    setExpanded((prev) => {
      const next = new Set(prev);
      if (opening) next.add(deliveryId);
      else next.delete(deliveryId);
      return next;
    });
    if (opening) void loadDetail(deliveryId);
  };

  const redeliver = async (d: Delivery) => {
    setRedelivering(d.id);
    try {
      await api.post(`${base}/${encodeURIComponent(d.id)}/redeliver`);
      toast(`Redelivery of ${d.event_type} queued.`);
      await list.refresh({ silent: true });
      if (expanded.has(d.id)) void loadDetail(d.id);
    } catch (err) {
      toast(`Redeliver failed: ${errorMessage(err)}`, 'error');
    } finally {
      setRedelivering(null);
    }
  };

  const types = [...eventTypes.map((t) => t.type).filter((t) => t !== TEST_EVENT), TEST_EVENT];
  return (
    <section className="card list-card" aria-labelledby={`${id}-heading`}>
      <div className="list-toolbar">
        <div className="section-title-row">
          <h2 id={`${id}-heading`} className="section-title">Delivery History</h2>
          <span className="live" title={`Refreshes every ${POLL_MS / 1000} seconds`}><span className="live-dot" aria-hidden="true" /> Live</span>
        </div>
        <div className="filters" role="group" aria-label="Filter deliveries">
          <div className="inline-field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} className="select" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All statuses</option>
              <option value="pending">Pending</option>
              <option value="succeeded">Succeeded</option>
              <option value="failed">Failed</option>
            </select>
          </div>
          <div className="inline-field">
            <label htmlFor={`${id}-event`}>Event type</label>
            <select id={`${id}-event`} className="select" value={eventType} onChange={(e) => setEventType(e.target.value)}>
              <option value="">All events</option>
              {types.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </div>
        </div>
      </div>

      {list.error !== undefined && list.items.length === 0 ? (
        <LoadError error={list.error} onRetry={() => void list.refresh()} />
      ) : list.loading && list.items.length === 0 ? (
        <Spinner label="Loading deliveries…" />
      ) : list.items.length === 0 ? (
        <EmptyState title={status || eventType ? 'No deliveries match these filters' : 'No deliveries yet'}>
          {!(status || eventType) && <p>Use <strong>Send Test Payload</strong> to see how your endpoint answers. Real events appear here as they happen.</p>}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table deliveries-table">
            <thead>
              <tr>
                <th scope="col" className="col-expand"><span className="visually-hidden">Attempts</span></th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Response</th>
                <th scope="col">Attempts</th>
                <th scope="col" className="hide-sm">Created</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => {
                const open = expanded.has(d.id);
                const detail = details[d.id];
                return (
                  <Fragment key={d.id}>
                    <tr className={`delivery-row${open ? ' row-open' : ''}`} data-delivery-id={d.id}>
                      <td className="col-expand">
                        <button
                          type="button"
                          className="icon-button"
                          aria-expanded={open}
                          aria-controls={`${id}-${d.id}`}
                          aria-label={`${open ? 'Hide' : 'Show'} attempts of ${d.event_type} delivery ${d.id}`}
                          onClick={() => toggle(d.id)}
                        >
                          <IconChevron open={open} />
                        </button>
                      </td>
                      <td>
                        <span className="mono strong">{d.event_type}</span>
                        <div className="cell-sub mono">{d.id}</div>
                      </td>
                      <td><DeliveryStatusBadge status={d.status} /></td>
                      <td>
                        {d.last_status_code === null && d.last_error
                          ? <code className="error-class">{d.last_error}</code>
                          : <StatusCode code={d.last_status_code} />}
                      </td>
                      <td className="nowrap">
                        {d.attempt_count}
                        <span className="cell-sub"> {d.retry_count > 0 ? `· ${plural(d.retry_count, 'retry', 'retries')}` : ''}</span>
                        {d.status === 'pending' && d.next_attempt_at && (
                          <div className="cell-sub">next {formatRelative(d.next_attempt_at, now)}</div>
                        )}
                      </td>
                      <td className="hide-sm nowrap"><RelativeTime iso={d.created_at} now={now} /></td>
                      <td>
                        <button type="button" className="button button-small" disabled={redelivering === d.id} onClick={() => void redeliver(d)}>
                          {redelivering === d.id ? 'Queuing…' : 'Redeliver'}<span className="visually-hidden"> {d.id}</span>
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="attempts-row" id={`${id}-${d.id}`}>
                        <td colSpan={7}>
                          {detail ? <Attempts delivery={detail} /> : <Spinner label="Loading attempts…" />}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label="Load older deliveries" />
    </section>
  );
}

function Attempts({ delivery }: { delivery: Delivery }) {
  const attempts = [...(delivery.attempts ?? [])].sort((a, b) => b.number - a.number);
  return (
    <div className="attempts">
      <p className="attempts-meta">
        Event <span className="mono">{delivery.event_id}</span> · created {formatDateTime(delivery.created_at, true)}
        {delivery.status === 'pending' && delivery.next_attempt_at && <> · next attempt {formatDateTime(delivery.next_attempt_at, true)}</>}
      </p>
      {attempts.length === 0 ? (
        <p className="muted">No attempt yet: the first one starts right away.</p>
      ) : (
        <table className="table table-compact attempts-table">
          <caption className="visually-hidden">Attempts of delivery {delivery.id}</caption>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Timestamp</th>
              <th scope="col">Response status</th>
              <th scope="col">Retry</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
              <th scope="col">Response</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => <AttemptRow key={a.number} attempt={a} />)}
          </tbody>
        </table>
      )}
    </div>
  );
}

function AttemptRow({ attempt: a }: { attempt: Attempt }) {
  const retry = a.number - 1;
  return (
    <tr>
      <td className="nowrap">#{a.number}</td>
      <td className="nowrap"><time dateTime={a.started_at}>{formatDateTime(a.started_at, true)}</time></td>
      <td><StatusCode code={a.status_code} /></td>
      <td className="nowrap">{retry === 0 ? 'First attempt' : `Retry ${retry}`}</td>
      <td className="nowrap">{formatDuration(a.duration_ms)}</td>
      <td>{a.error ? <code className="error-class">{a.error}</code> : <span className="muted">—</span>}</td>
      <td className="cell-response">
        {a.response_body ? <pre className="response-excerpt">{a.response_body}</pre>
          : a.error_detail ? <span className="muted">{a.error_detail}</span> : <span className="muted">(empty)</span>}
      </td>
    </tr>
  );
}
