import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again; `silent` keeps the current data on screen without a loading state (polling). */
  reload: (opts?: { silent?: boolean }) => Promise<void>;
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

export function useResource<T>(loader: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const loaderRef = useRef(loader);
  const inflight = useRef<AbortController | null>(null);

  useEffect(() => {
    loaderRef.current = loader;
  });

  const reload = useCallback(async (opts: { silent?: boolean } = {}) => {
    if (opts.silent && inflight.current) return; // a poll never piles up behind a slow request
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    if (!opts.silent) setLoading(true);
    try {
      const result = await loaderRef.current(controller.signal);
      if (controller.signal.aborted) return;
      setDataState(result);
      setError(undefined);
    } catch (err) {
      if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
      setError(err);
    } finally {
      if (inflight.current === controller) {
        inflight.current = null;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    setError(undefined);
    void reload();
    return () => {
      inflight.current?.abort();
      inflight.current = null;
    };
  }, deps);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}

/** Calls `tick` every `intervalMs` while `enabled` and the tab is visible. */
export function usePolling(tick: () => void, intervalMs: number, enabled = true): void {
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    if (!enabled) return;
    const id = window.setInterval(() => {
      if (!document.hidden) tickRef.current();
    }, intervalMs);
    const onVisible = () => {
      if (!document.hidden) tickRef.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}

/** Re-renders every `ms` so that relative times ("2 minutes ago") stay true. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · CargoLint` : 'CargoLint';
  }, [title]);
}

export interface PagedList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  refresh: (opts?: { silent?: boolean }) => Promise<void>;
  loadMore: () => Promise<void>;
  remove: (id: string) => void;
}

interface PageResult<T> { data: T[]; has_more?: boolean; next_cursor?: string | null }

/**
 * A cursor-paginated list (`{data, has_more, next_cursor}`, newest first). `refresh` reloads the first
 * page and keeps any older pages the user already loaded, so polling never collapses a long list.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<PageResult<T>>,
  deps: DependencyList,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const fetchRef = useRef(fetchPage);
  const state = useRef({ firstPageSize: 0, pages: 0, cursor: undefined as string | undefined, inflight: null as AbortController | null });
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const refresh = useCallback(async (opts: { silent?: boolean } = {}) => {
    const s = state.current;
    if (opts.silent && s.inflight) return;
    s.inflight?.abort();
    const controller = new AbortController();
    s.inflight = controller;
    if (!opts.silent) setLoading(true);
    try {
      const page = await fetchRef.current(undefined, controller.signal);
      if (controller.signal.aborted) return;
      const fresh = page.data ?? [];
      const ids = new Set(fresh.map((i) => i.id));
      setItems((prev) => (s.pages > 1 ? [...fresh, ...prev.slice(s.firstPageSize).filter((i) => !ids.has(i.id))] : fresh));
      s.firstPageSize = fresh.length;
      if (s.pages <= 1) {
        s.pages = 1;
        s.cursor = page.next_cursor ?? undefined;
        setHasMore(Boolean(page.has_more && page.next_cursor));
      }
      setError(undefined);
    } catch (err) {
      if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
      setError(err);
    } finally {
      if (s.inflight === controller) {
        s.inflight = null;
        setLoading(false);
      }
    }
  }, []);

  const loadMore = useCallback(async () => {
    const s = state.current;
    if (!s.cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchRef.current(s.cursor, new AbortController().signal);
      const more = page.data ?? [];
      setItems((prev) => {
        const ids = new Set(prev.map((i) => i.id));
        return [...prev, ...more.filter((i) => !ids.has(i.id))];
      });
      s.pages += 1;
      s.cursor = page.next_cursor ?? undefined;
      setHasMore(Boolean(page.has_more && page.next_cursor));
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }, []);

  useEffect(() => {
    state.current.pages = 0;
    state.current.firstPageSize = 0;
    state.current.cursor = undefined;
    setError(undefined);
    void refresh();
    return () => {
      state.current.inflight?.abort();
      state.current.inflight = null;
    };
  }, deps);

  const remove = useCallback((id: string) => setItems((prev) => prev.filter((i) => i.id !== id)), []);
  return { items, hasMore, loading, loadingMore, error, refresh, loadMore, remove };
}
