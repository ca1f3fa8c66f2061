import { useEffect, useState } from 'react';
import { api, ApiError } from '../../../../api.js';
import { PLAN_LABELS } from '../../../../format.js';
import { Link } from '../../../../router.js';
import type { EventType, Page } from '../../../../types.js';
import { Breadcrumb } from '../../../../ui/common.js';
import { IconLock } from '../../../../ui/icons.js';

export const TEST_EVENT = 'webhook.test';

const FALLBACK_EVENT_TYPES: EventType[] = [
  { type: 'document.uploaded', description: 'A document was uploaded and stored.' },
  { type: 'compliance.warning', description: 'Processing found at least one error or warning in a document.' },
  { type: 'document.batch_downloaded', description: 'Documents were downloaded together as a ZIP.' },
];

let cache: EventType[] | null = null;

/** The event catalogue from GET /event-types (cached for the session); falls back to the contract's three. */
export function useEventTypes(): EventType[] {
  const [types, setTypes] = useState<EventType[]>(cache ?? FALLBACK_EVENT_TYPES);
  useEffect(() => {
    if (cache) return;
    let live = true;
    api.get<Page<EventType>>('/event-types')
      .then((res) => {
        if (!Array.isArray(res?.data) || res.data.length === 0) return;
        cache = res.data;
        if (live) setTypes(res.data);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return types;
}

export function subscribable(types: EventType[]): EventType[] {
  return types.filter((t) => t.type !== TEST_EVENT);
}

export function isPlanGate(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'plan_upgrade_required' || (error.status === 403 && /plan/i.test(error.detail ?? '')));
}

export const webhooksPath = '/settings/integrations/webhooks';

export function WebhooksBreadcrumb({ current }: { current?: string }) {
  const items: { label: string; to?: string }[] = [{ label: 'Settings' }, { label: 'Integrations' }, { label: 'Webhooks', to: current ? webhooksPath : undefined }];
  if (current) items.push({ label: current });
  return <Breadcrumb items={items} />;
}

export function PlanGate({ plan }: { plan: string }) {
  return (
    <section className="card plan-gate" aria-labelledby="plan-gate-heading">
      <div className="plan-gate-icon" aria-hidden="true"><IconLock /></div>
      <h2 id="plan-gate-heading">Webhooks need the Business or Enterprise plan</h2>
      <p>
        Your organization is on the <strong>{PLAN_LABELS[plan] ?? plan}</strong> plan. Webhooks push signed, real-time
        notifications to your own systems — when a document is uploaded, when a compliance check finds errors or
        warnings, and when documents are downloaded as a batch. They are included in the Business and Enterprise plans.
      </p>
      <p className="muted">Until then, you can poll the REST API with an API key; nothing you upload is lost.</p>
      <div className="plan-gate-actions">
        <Link className="button button-primary" to="/settings/plan">Compare plans</Link>
        <Link className="button" to="/settings/api-keys">Manage API keys</Link>
      </div>
    </section>
  );
}

export function EventChips({ events }: { events: string[] }) {
  return (
    <ul className="chips" aria-label="Events">
      {events.map((e) => <li key={e} className="chip mono">{e}</li>)}
    </ul>
  );
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
