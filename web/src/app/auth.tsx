import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, hasSessionCookie, isApiError, setUnauthenticatedHandler } from './api';
import { paths } from './paths';
import type { Me } from './types';

interface AuthState {
  /** undefined while the session is being checked, null when logged out. */
  user: Me | null | undefined;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const queryClient = useQueryClient();

  const refresh = useCallback(async () => {
    // Without the readable CSRF cookie there is no session: skip a request that could only answer 401.
    if (!hasSessionCookie()) {
      setUser(null);
      return;
    }
    try {
      setUser(await api.get<Me>(paths.auth.me));
    } catch (e) {
      if (isApiError(e) && e.status === 401) setUser(null);
      else throw e;
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.clear();
      setUser(null);
    });
    refresh().catch(() => setUser(null));
    return () => setUnauthenticatedHandler(null);
  }, [refresh, queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.post<{ user: Me; csrfToken: string }>(paths.auth.login, { username, password });
      queryClient.clear();
      setUser(res.user);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post(paths.auth.logout);
    } catch {
      // Already logged out, or the server is unreachable: this browser forgets the session anyway.
    } finally {
      queryClient.clear();
      setUser(null);
    }
  }, [queryClient]);

  const value = useMemo(() => ({ user, login, logout, refresh }), [user, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user (inside the authenticated layout). */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a user');
  return user;
}
