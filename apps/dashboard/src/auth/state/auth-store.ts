import { ROLES, type AuthResponse, type Role, type User } from '@vigil/shared';

/** What the dashboard keeps of a login: the bearer token, when it runs out, and who it is. */
export interface AuthSession {
  accessToken: string;
  expiresAt: string;
  user: User;
}

/**
 * `logout`: the user chose to leave, so the next login starts at its own home page.
 * `expired`: the server stopped accepting the token; the next login returns to where it was.
 */
export type SessionEndReason = 'logout' | 'expired';

export interface AuthSnapshot {
  session: AuthSession | null;
  endReason: SessionEndReason | null;
}

/** Plain functions, not methods: React and the api-client pass them around detached. */
export interface AuthStore {
  getSnapshot: () => AuthSnapshot;
  subscribe: (listener: () => void) => () => void;
  getAccessToken: () => string | null;
  signIn: (response: AuthResponse) => void;
  /** Swaps in a refreshed token, unless the login it was refreshed for has ended meanwhile. */
  renew: (previousToken: string, response: AuthResponse) => boolean;
  endSession: (reason: SessionEndReason) => void;
  /** A request made with `token` got 401; ends the session only if that token is still current. */
  reportUnauthorized: (token: string) => void;
  /** Back to the state of a fresh page load with nobody signed in (no end reason); for tests. */
  clear: () => void;
}

/** sessionStorage, not localStorage: a reload keeps the login, closing the tab or browser ends it. */
export const AUTH_STORAGE_KEY = 'vigil.auth';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

function isAuthSession(value: unknown): value is AuthSession {
  if (typeof value !== 'object' || value === null) return false;
  const { accessToken, expiresAt, user } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return false;
  if (typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt))) return false;
  if (typeof user !== 'object' || user === null) return false;
  const { id, username, displayName, role } = user as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof username === 'string' &&
    typeof displayName === 'string' &&
    isRole(role)
  );
}

function toSession({ accessToken, expiresAt, user }: AuthResponse): AuthSession {
  const { id, username, displayName, role } = user;
  return { accessToken, expiresAt, user: { id, username, displayName, role } };
}

/** Storage can be missing or refuse writes (privacy modes, quotas): the login then lives in memory. */
function tryStorage(action: () => void): void {
  try {
    action();
  } catch {
    // Memory still holds the session; only a reload will lose it.
  }
}

function readStored(storage: KeyValueStorage | null, now: number): AuthSession | null {
  if (!storage) return null;
  let stored: unknown;
  try {
    const text = storage.getItem(AUTH_STORAGE_KEY);
    stored = text === null ? null : JSON.parse(text);
  } catch {
    stored = null;
  }
  if (isAuthSession(stored) && Date.parse(stored.expiresAt) > now) return stored;
  if (stored !== null) tryStorage(() => storage.removeItem(AUTH_STORAGE_KEY));
  return null;
}

export function createAuthStore(
  storage: KeyValueStorage | null,
  now: () => number = Date.now,
): AuthStore {
  let snapshot: AuthSnapshot = { session: readStored(storage, now()), endReason: null };
  const listeners = new Set<() => void>();

  function publish(next: AuthSnapshot): void {
    snapshot = next;
    if (storage) {
      const { session } = next;
      tryStorage(() =>
        session
          ? storage.setItem(AUTH_STORAGE_KEY, JSON.stringify(session))
          : storage.removeItem(AUTH_STORAGE_KEY),
      );
    }
    listeners.forEach((listener) => listener());
  }

  const store: AuthStore = {
    getSnapshot: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getAccessToken: () => snapshot.session?.accessToken ?? null,
    signIn: (response) => {
      publish({ session: toSession(response), endReason: null });
    },
    renew: (previousToken, response) => {
      if (store.getAccessToken() !== previousToken) return false;
      publish({ session: toSession(response), endReason: null });
      return true;
    },
    endSession: (reason) => {
      if (!snapshot.session) return;
      publish({ session: null, endReason: reason });
    },
    reportUnauthorized: (token) => {
      if (store.getAccessToken() === token) store.endSession('expired');
    },
    clear: () => {
      publish({ session: null, endReason: null });
    },
  };
  return store;
}

function sessionStorageIfAvailable(): KeyValueStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The one auth store: the api-client, the socket handshake and the screens all read this. */
export const authStore = createAuthStore(sessionStorageIfAvailable());
