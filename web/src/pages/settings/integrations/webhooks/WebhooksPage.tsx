import { useState } from 'react';
import { api, errorMessage } from '../../../../api.js';
import { sentence } from '../../../../format.js';
import { useDocumentTitle, useNow, useResource } from '../../../../hooks.js';
import { Link, navigate } from '../../../../router.js';
import { useMe } from '../../../../session.js';
import type { Page, Webhook } from '../../../../types.js';
import { WebhookStatusBadge } from '../../../../ui/Badge.js';
import { EmptyState, LoadError, PageHeader, RelativeTime, Spinner } from '../../../../ui/common.js';
import { IconWebhook } from '../../../../ui/icons.js';
import { useToast } from '../../../../ui/Toast.js';
import { setActive, WebhookDialogs, type WebhookDialogState } from './WebhookDialogs.js';
import { EventChips, isPlanGate, PlanGate, useEventTypes, WebhooksBreadcrumb, webhooksPath } from './shared.js';

export function WebhooksPage() {
  useDocumentTitle('Webhooks');
  const { organization } = useMe();
  const toast = useToast();
  const now = useNow();
  const eventTypes = useEventTypes();
  const list = useResource((signal) => api.get<Page<Webhook>>('/webhooks', { limit: 100 }, signal), []);
  const [dialog, setDialog] = useState<WebhookDialogState>(null);
  const [toggling, setToggling] = useState<string | null>(null);

  const gated = isPlanGate(list.error);
  const webhooks = list.data?.data ?? [];

  const toggle = async (w: Webhook) => {
    if (w.status === 'failed') return setDialog({ kind: 'recover', webhook: w });
    setToggling(w.id);
    try {
      const updated = await setActive(w, !w.active);
      list.setData((prev) => prev && { ...prev, data: prev.data.map((x) => (x.id === w.id ? updated : x)) });
      toast(updated.active ? 'Webhook enabled.' : 'Webhook disabled. Events are kept as failed deliveries you can recover later.');
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setToggling(null);
    }
  };

  return (
    <>
      <PageHeader
        breadcrumb={<WebhooksBreadcrumb />}
        title="Webhooks"
        description="Send signed, real-time notifications to your own systems when documents are uploaded, checked or downloaded."
        actions={!gated && <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>Add Webhook</button>}
      />

      {gated ? (
        <PlanGate plan={organization.plan} />
      ) : list.error !== undefined && !list.data ? (
        <LoadError error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data ? (
        <Spinner label="Loading webhooks…" />
      ) : webhooks.length === 0 ? (
        <section className="card">
          <EmptyState title="No webhooks yet" icon={<IconWebhook />}>
            <p>Use <strong>Add Webhook</strong> to connect your customs or TMS system. CargoLint signs every delivery, retries for about a day and a half and keeps a full delivery history.</p>
          </EmptyState>
        </section>
      ) : (
        <section className="card list-card" aria-label="Webhook endpoints">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-sm">Last success</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((w) => (
                  <tr key={w.id}>
                    <td className="cell-endpoint">
                      <Link to={`${webhooksPath}/${w.id}`} className="strong-link mono break-anywhere">{w.url}</Link>
                      {w.description && <div className="cell-sub">{w.description}</div>}
                    </td>
                    <td><EventChips events={w.events} /></td>
                    <td>
                      <WebhookStatusBadge status={w.status} />
                      {w.status === 'failed' && w.disabled_reason && <div className="cell-sub text-danger">{sentence(w.disabled_reason)}</div>}
                    </td>
                    <td className="hide-sm nowrap">{w.last_success_at ? <RelativeTime iso={w.last_success_at} now={now} /> : <span className="muted">Never</span>}</td>
                    <td>
                      <div className="row-actions">
                        <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'edit', webhook: w })}>
                          Edit<span className="visually-hidden"> {w.url}</span>
                        </button>
                        <button type="button" className="button button-small" disabled={toggling === w.id} onClick={() => void toggle(w)}>
                          {w.status === 'failed' ? 'Re-enable' : w.active ? 'Disable' : 'Enable'}<span className="visually-hidden"> {w.url}</span>
                        </button>
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setDialog({ kind: 'delete', webhook: w })}>
                          Delete<span className="visually-hidden"> {w.url}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <WebhookDialogs
        dialog={dialog}
        eventTypes={eventTypes}
        onClose={() => setDialog(null)}
        onChanged={(w, change) => {
          setDialog(null);
          if (change === 'created') {
            navigate(`${webhooksPath}/${w.id}`);
            return;
          }
          list.setData((prev) => prev && {
            ...prev,
            data: change === 'deleted' ? prev.data.filter((x) => x.id !== w.id) : prev.data.map((x) => (x.id === w.id ? w : x)),
          });
          if (change === 'updated') toast('Webhook saved.');
        }}
      />
    </>
  );
}
