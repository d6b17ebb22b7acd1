import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { authStore } from '../state/auth-store';
import { FALLBACK_REFRESH_MS, logOut, refreshAccessToken, refreshDelay } from './session-service';

const now = Date.parse('2026-11-25T10:00:00.000Z');

describe('refreshDelay', () => {
  it('waits until two minutes before the expiry', () => {
    expect(refreshDelay('2026-11-25T10:15:00.000Z', now)).toBe(13 * 60_000);
  });

  it('refreshes at once a token that expires within two minutes or has expired', () => {
    expect(refreshDelay('2026-11-25T10:01:00.000Z', now)).toBe(0);
    expect(refreshDelay('2026-11-25T09:00:00.000Z', now)).toBe(0);
  });

  it('falls back to a safe interval when the expiry is unreadable', () => {
    expect(refreshDelay('soon', now)).toBe(FALLBACK_REFRESH_MS);
  });
});

describe('session service', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse', { token: 'current' }));
  });

  it('sends one refresh for callers at the same moment', async () => {
    const fetchMock = installFakeFetch({
      'POST /auth/refresh': () => jsonResponse(200, anAuthResponse('nurse', { token: 'next' })),
    });
    await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect(requestsTo(fetchMock, 'POST /auth/refresh')).toHaveLength(1);
    expect(authStore.getAccessToken()).toBe('next');
  });

  it('does not sign back in a user who logged out while the refresh was under way', async () => {
    installFakeFetch({
      'POST /auth/refresh': () => jsonResponse(200, anAuthResponse('nurse', { token: 'next' })),
      'POST /auth/logout': () => jsonResponse(204),
    });
    const refresh = refreshAccessToken();
    await logOut();
    await refresh;
    expect(authStore.getSnapshot()).toEqual({ session: null, endReason: 'logout' });
  });

  it('logs out with the token, then forgets it even if the server is unreachable', async () => {
    const fetchMock = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    globalThis.fetch = fetchMock;
    await logOut();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/auth/logout',
      expect.objectContaining({
        headers: expect.objectContaining({ Authorization: 'Bearer current' }),
      }),
    );
    expect(authStore.getSnapshot()).toEqual({ session: null, endReason: 'logout' });
  });
});
