import { anAuthResponse } from '../../../test/auth.fixture';
import { AUTH_STORAGE_KEY, createAuthStore } from './auth-store';

const now = Date.parse('2026-11-25T10:00:00.000Z');

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('auth store', () => {
  it('keeps the login in the given storage so a reload of the kiosk keeps it', () => {
    const storage = memoryStorage();
    createAuthStore(storage, () => now).signIn(anAuthResponse('nurse', { now }));

    const reloaded = createAuthStore(storage, () => now);
    expect(reloaded.getAccessToken()).toBe('token-nurse');
    expect(reloaded.getSnapshot().session?.user).toMatchObject({
      username: 'nurse',
      role: 'nurse',
    });
  });

  it('never writes the token to localStorage', () => {
    localStorage.clear();
    const store = createAuthStore(sessionStorage, () => now);
    store.signIn(anAuthResponse('admin', { now }));
    expect(sessionStorage.getItem(AUTH_STORAGE_KEY)).toContain('token-admin');
    expect(localStorage.length).toBe(0);
    store.clear();
    expect(sessionStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it('drops a stored login that has already expired', () => {
    const storage = memoryStorage();
    createAuthStore(storage, () => now).signIn(anAuthResponse('nurse', { now }));

    const muchLater = createAuthStore(storage, () => now + 16 * 60_000);
    expect(muchLater.getSnapshot().session).toBeNull();
    expect(storage.items.has(AUTH_STORAGE_KEY)).toBe(false);
  });

  it('ignores a stored value that is not a login', () => {
    const storage = memoryStorage();
    storage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'x', user: { role: 'root' } }));
    expect(createAuthStore(storage, () => now).getSnapshot().session).toBeNull();
  });

  it('ends the session on a 401 for the current token, recording why', () => {
    const storage = memoryStorage();
    const store = createAuthStore(storage, () => now);
    const listener = jest.fn();
    store.subscribe(listener);
    store.signIn(anAuthResponse('nurse', { now }));

    store.reportUnauthorized('token-nurse');
    expect(store.getSnapshot()).toEqual({ session: null, endReason: 'expired' });
    expect(storage.items.has(AUTH_STORAGE_KEY)).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('ignores a late 401 for a token that is no longer in use', () => {
    const store = createAuthStore(null, () => now);
    store.signIn(anAuthResponse('nurse', { now, token: 'old' }));
    store.renew('old', anAuthResponse('nurse', { now, token: 'new' }));

    store.reportUnauthorized('old');
    expect(store.getAccessToken()).toBe('new');
  });

  it('does not bring back a login that ended while its refresh was under way', () => {
    const store = createAuthStore(null, () => now);
    store.signIn(anAuthResponse('nurse', { now, token: 'old' }));
    store.endSession('logout');

    expect(store.renew('old', anAuthResponse('nurse', { now, token: 'new' }))).toBe(false);
    expect(store.getSnapshot()).toEqual({ session: null, endReason: 'logout' });
  });

  it('keeps working in memory when storage refuses writes', () => {
    const store = createAuthStore(
      {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('QuotaExceededError');
        },
        removeItem: () => undefined,
      },
      () => now,
    );
    store.signIn(anAuthResponse('physician', { now }));
    expect(store.getAccessToken()).toBe('token-physician');
  });
});
