import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized } from './api.js';
import { navigate } from './router.js';
import type { Me } from './types.js';

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; me: Me } | { status: 'error'; message: string };

interface SessionValue {
  state: SessionState;
  me: Me | null;
  signedIn: (me: Me) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/me');
      setState({ status: 'signed-in', me });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setState({ status: 'anonymous' });
      else setState({ status: 'error', message: err instanceof ApiError ? (err.detail ?? err.title) : 'CargoLint could not be reached.' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() => setState({ status: 'anonymous' }));
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      // An explicit log-out starts over at the log-in page, without a "next" page to return to.
      navigate('/login', { replace: true });
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo<SessionValue>(() => ({
    state,
    me: state.status === 'signed-in' ? state.me : null,
    signedIn: (me: Me) => setState({ status: 'signed-in', me }),
    refresh,
    logout,
  }), [state, refresh, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user's session; only for pages behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
