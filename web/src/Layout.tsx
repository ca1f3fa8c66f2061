import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from './router.js';
import { useMe, useSession } from './session.js';
import { Badge } from './ui/Badge.js';
import { PLAN_LABELS } from './format.js';
import { Logo, IconDocuments, IconWebhook, IconKey, IconPlan } from './ui/icons.js';

export function Layout({ children }: { children: ReactNode }) {
  const { organization, user } = useMe();
  const { logout } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();

  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const plan = <Badge tone={organization.plan === 'business' || organization.plan === 'enterprise' ? 'accent' : 'neutral'}>{PLAN_LABELS[organization.plan] ?? organization.plan} plan</Badge>;

  return (
    <div className={`app${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          aria-label={menuOpen ? 'Close menu' : 'Open menu'}
          onClick={() => setMenuOpen((o) => !o)}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20">
            {menuOpen
              ? <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              : <path d="M3 6h14M3 10h14M3 14h14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />}
          </svg>
        </button>
        <span className="topbar-brand"><Logo /> CargoLint</span>
        <span className="topbar-org" data-testid="org-frame-mobile">
          <span className="topbar-org-name">{organization.name}</span>
          {plan}
        </span>
      </header>

      <aside className="sidebar" id="sidebar">
        <div className="brand"><Logo /> <span>CargoLint</span></div>
        <div className="org-card" data-testid="org-frame">
          <span className="org-label">Organization</span>
          <span className="org-name">{organization.name}</span>
          {plan}
        </div>
        <nav aria-label="Main" className="nav">
          <ul className="nav-list">
            <li><NavLink to="/documents"><IconDocuments /> Documents</NavLink></li>
          </ul>
          <p className="nav-heading" id="nav-settings">Settings</p>
          <ul className="nav-list" aria-labelledby="nav-settings">
            <li>
              <span className="nav-subheading" id="nav-integrations">Integrations</span>
              <ul className="nav-list nav-nested" aria-labelledby="nav-integrations">
                <li>
                  <NavLink to="/settings/integrations/webhooks" title="Settings › Integrations › Webhooks"><IconWebhook /> Webhooks</NavLink>
                </li>
              </ul>
            </li>
            <li><NavLink to="/settings/api-keys"><IconKey /> API Keys</NavLink></li>
            <li><NavLink to="/settings/plan"><IconPlan /> Plan</NavLink></li>
          </ul>
        </nav>
        <div className="sidebar-footer">
          <a className="nav-external" href="/docs" target="_blank" rel="noopener">API reference <span aria-hidden="true">↗</span><span className="visually-hidden"> (opens in a new tab)</span></a>
          <div className="user-card">
            <span className="avatar" aria-hidden="true">{initials(user.name || user.email)}</span>
            <span className="user-text">
              <span className="user-name">{user.name}</span>
              <span className="user-email">{user.email}</span>
            </span>
          </div>
          <button type="button" className="button button-block" onClick={() => void logout()}>Log out</button>
        </div>
      </aside>
      <div className="scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />

      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function initials(name: string): string {
  return name.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((p) => p[0]!.toUpperCase()).join('');
}
