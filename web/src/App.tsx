import { useEffect, type ReactNode } from 'react';
import { Layout } from './Layout.js';
import { matchPath, navigate, useLocation } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { ToastProvider } from './ui/Toast.js';
import { Spinner, EmptyState } from './ui/common.js';
import { LoginPage, SignupPage } from './pages/auth/AuthPages.js';
import { DocumentsPage } from './pages/documents/DocumentsPage.js';
import { DocumentPage } from './pages/documents/DocumentPage.js';
import { WebhooksPage } from './pages/settings/integrations/webhooks/WebhooksPage.js';
import { WebhookDetailPage } from './pages/settings/integrations/webhooks/WebhookDetailPage.js';
import { ApiKeysPage } from './pages/settings/ApiKeysPage.js';
import { PlanPage } from './pages/settings/PlanPage.js';
import { Link } from './router.js';

export function App() {
  return (
    <SessionProvider>
      <ToastProvider>
        <Routes />
      </ToastProvider>
    </SessionProvider>
  );
}

const PUBLIC = ['/login', '/signup'];
const REDIRECTS: Record<string, string> = {
  '/': '/documents',
  '/settings': '/settings/integrations/webhooks',
  '/settings/integrations': '/settings/integrations/webhooks',
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes() {
  const { state } = useSession();
  const { pathname, href } = useLocation();
  const path = pathname.replace(/\/+$/, '') || '/';

  if (state.status === 'loading') return <div className="boot"><Spinner label="Loading CargoLint…" /></div>;
  if (state.status === 'error') {
    return (
      <div className="boot">
        <div className="card boot-card">
          <h1>CargoLint is not reachable</h1>
          <p>{state.message}</p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>Try again</button>
        </div>
      </div>
    );
  }

  const isPublic = PUBLIC.includes(path);
  if (state.status === 'anonymous') {
    if (path === '/signup') return <SignupPage />;
    if (path === '/login') return <LoginPage />;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(href)}`;
    return <Redirect to={`/login${next}`} />;
  }
  if (isPublic) {
    const next = new URLSearchParams(window.location.search).get('next');
    return <Redirect to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/documents'} />;
  }
  if (REDIRECTS[path]) return <Redirect to={REDIRECTS[path]} />;
  return <Layout>{page(path)}</Layout>;
}

function page(path: string): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/documents') return <DocumentsPage />;
  if ((m = matchPath('/documents/:id', path))) return <DocumentPage key={m.id} id={m.id} />;
  if (path === '/settings/integrations/webhooks') return <WebhooksPage />;
  if ((m = matchPath('/settings/integrations/webhooks/:id', path))) return <WebhookDetailPage key={m.id} id={m.id} />;
  if (path === '/settings/api-keys') return <ApiKeysPage />;
  if (path === '/settings/plan') return <PlanPage />;
  return (
    <EmptyState title="Page not found" action={<Link className="button" to="/documents">Go to Documents</Link>}>
      <p>There is nothing at this address.</p>
    </EmptyState>
  );
}
