import type { UserDto } from '@banca/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { sessionStore } from '../api/session.store';

/** The bearer token, or null when signed out; changes when the store does (login, logout, a 401). */
export function useSessionToken(): string | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.token);
}

/** Drops every cached answer when the session ends, so the next user never sees the last one's data. */
export function SessionCacheGuard({ children }: { children: ReactNode }) {
  const token = useSessionToken();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (token === null) queryClient.clear();
  }, [token, queryClient]);
  return children;
}

const CurrentUserContext = createContext<UserDto | null>(null);

export function CurrentUserProvider({ user, children }: { user: UserDto; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/** The signed-in user; only inside the authenticated layout. */
export function useCurrentUser(): UserDto {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside the authenticated layout');
  return user;
}
