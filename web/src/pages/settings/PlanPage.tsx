import { api } from '../../api.js';
import { formatDateTime, PLAN_LABELS } from '../../format.js';
import { useDocumentTitle, useResource } from '../../hooks.js';
import { useMe } from '../../session.js';
import type { Organization, Plan } from '../../types.js';
import { Badge } from '../../ui/Badge.js';
import { Breadcrumb, PageHeader } from '../../ui/common.js';
import { IconCheck, IconDash } from '../../ui/icons.js';

interface PlanInfo { plan: Plan; tagline: string }

const PLANS: PlanInfo[] = [
  { plan: 'free', tagline: 'Try CargoLint on your own documents.' },
  { plan: 'starter', tagline: 'For brokers who check documents by hand or by script.' },
  { plan: 'business', tagline: 'For teams that connect CargoLint to their own systems.' },
  { plan: 'enterprise', tagline: 'For forwarders with many teams and high volumes.' },
];

const FEATURES: { label: string; plans: Plan[] }[] = [
  { label: 'Compliance linting of invoices, packing lists, bills of lading and more', plans: ['free', 'starter', 'business', 'enterprise'] },
  { label: 'JSON, DCSA eBL and PDF uploads, batch upload and ZIP download', plans: ['free', 'starter', 'business', 'enterprise'] },
  { label: 'REST API with API keys', plans: ['free', 'starter', 'business', 'enterprise'] },
  { label: 'Signed real-time webhooks', plans: ['business', 'enterprise'] },
  { label: 'Delivery History, automatic retries and recovery', plans: ['business', 'enterprise'] },
];

export function PlanPage() {
  useDocumentTitle('Plan');
  const me = useMe();
  const org = useResource((signal) => api.get<Organization>('/organization', undefined, signal), []);
  const current = org.data?.plan ?? me.organization.plan;
  const name = org.data?.name ?? me.organization.name;

  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb items={[{ label: 'Settings' }, { label: 'Plan' }]} />}
        title="Plan"
        description={<>{name} is on the <strong>{PLAN_LABELS[current] ?? current}</strong> plan{org.data?.created_at && <> · customer since {formatDateTime(org.data.created_at).split(',')[0]}</>}.</>}
      />
      <div className="plans" role="list">
        {PLANS.map((p) => {
          const isCurrent = p.plan === current;
          return (
            <section key={p.plan} role="listitem" className={`card plan${isCurrent ? ' plan-current' : ''}`} aria-labelledby={`plan-${p.plan}`} aria-current={isCurrent ? 'true' : undefined}>
              <div className="plan-head">
                <h2 id={`plan-${p.plan}`}>{PLAN_LABELS[p.plan]}</h2>
                {isCurrent && <Badge tone="accent">Current plan</Badge>}
              </div>
              <p className="muted plan-tagline">{p.tagline}</p>
              <ul className="plan-features">
                {FEATURES.map((f) => {
                  const included = f.plans.includes(p.plan);
                  return (
                    <li key={f.label} className={included ? 'included' : 'excluded'}>
                      {included ? <IconCheck /> : <IconDash />}
                      <span>{f.label}<span className="visually-hidden">{included ? ' (included)' : ' (not included)'}</span></span>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      <p className="muted plan-note">To change your plan, contact your CargoLint account manager or support. Changes apply immediately and nothing you have uploaded is lost.</p>
    </>
  );
}
