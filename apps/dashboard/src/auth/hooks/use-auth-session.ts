import type { User } from '@vigil/shared';
import { useSyncExternalStore } from 'react';
import { authStore, type AuthSnapshot } from '../state/auth-store';

/** The login as it stands, re-rendering the caller when it starts, is renewed or ends. */
export function useAuthSession(): AuthSnapshot {
  return useSyncExternalStore(authStore.subscribe, authStore.getSnapshot);
}

/** The signed-in user, for components that only render behind the login guard. */
export function useCurrentUser(): User {
  const { session } = useAuthSession();
  if (!session)
    throw new Error('useCurrentUser needs a signed-in user (render it behind the guard)');
  return session.user;
}
