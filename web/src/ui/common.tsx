import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api.js';
import { formatRelative } from '../format.js';
import { Link } from '../router.js';

export function PageHeader({ title, description, actions, breadcrumb }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; breadcrumb?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After client-side navigation, screen readers and keyboards start at the new page's heading.
    if (document.activeElement === document.body || document.activeElement?.closest('.sidebar, .breadcrumb, .topbar')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-header">
      {breadcrumb}
      <div className="page-header-row">
        <div className="page-header-text">
          <h1 ref={ref} tabIndex={-1}>{title}</h1>
          {description && <p className="page-description">{description}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </header>
  );
}

export function Breadcrumb({ items }: { items: { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            {item.to ? <Link to={item.to}>{item.label}</Link> : <span aria-current={i === items.length - 1 ? 'page' : undefined}>{item.label}</span>}
            {i < items.length - 1 && <span className="breadcrumb-sep" aria-hidden="true"> › </span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Alert({ tone = 'error', children, title }: { tone?: 'error' | 'warning' | 'info' | 'success'; children: ReactNode; title?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className="alert-title">{title}</strong>}
      <div>{children}</div>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert title={notFound ? 'Not found' : 'Could not load this page'}>
      <p>{notFound ? 'It may have been deleted, or it belongs to another organization.' : errorMessage(error)}</p>
      {onRetry && !notFound && (
        <button type="button" className="button button-small" onClick={onRetry}>Try again</button>
      )}
    </Alert>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action, icon }: { title: string; children?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="empty">
      {icon && <div className="empty-icon" aria-hidden="true">{icon}</div>}
      <h3>{title}</h3>
      {children && <div className="empty-text">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function RelativeTime({ iso, now }: { iso: string | null | undefined; now?: number }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {formatRelative(iso, now)}
    </time>
  );
}


export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return <p className="field-error" id={id}>{message}</p>;
}

/** The "next page" control of a cursor-paginated list; renders nothing when there is no further page. */
export function LoadMore({ list, label = 'Load more' }: { list: { hasMore: boolean; loadingMore: boolean; loadMore: () => Promise<unknown> | void }; label?: string }) {
  if (!list.hasMore) return null;
  return (
    <div className="list-more">
      <button type="button" className="button" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
        {list.loadingMore ? 'Loading…' : label}
      </button>
    </div>
  );
}
