import { act, render } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { authStore } from '../state/auth-store';
import { REFRESH_RETRY_MS, SessionRefreshEffect } from './session-refresh-effect';

const start = Date.parse('2026-11-25T10:00:00.000Z');
const minutes = (count: number) => count * 60_000;

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('SessionRefreshEffect', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse', { now: start, token: 'first' }));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('renews the token two minutes before it expires, and then the renewed one', async () => {
    let issued = 0;
    const fetchMock = installFakeFetch({
      'POST /auth/refresh': () => {
        issued += 1;
        return jsonResponse(
          200,
          anAuthResponse('nurse', { now: Date.now(), token: `renewed-${issued}` }),
        );
      },
    });
    render(<SessionRefreshEffect />);

    await advance(minutes(13) - 1);
    expect(requestsTo(fetchMock, 'POST /auth/refresh')).toHaveLength(0);
    await advance(1);
    expect(requestsTo(fetchMock, 'POST /auth/refresh')[0]?.headers).toMatchObject({
      Authorization: 'Bearer first',
    });
    expect(authStore.getAccessToken()).toBe('renewed-1');

    await advance(minutes(13));
    expect(requestsTo(fetchMock, 'POST /auth/refresh')[1]?.headers).toMatchObject({
      Authorization: 'Bearer renewed-1',
    });
    expect(authStore.getAccessToken()).toBe('renewed-2');
  });

  it('ends the session when the server refuses to renew it', async () => {
    installFakeFetch({ 'POST /auth/refresh': () => nestError(401, 'Unauthorized') });
    render(<SessionRefreshEffect />);

    await advance(minutes(13));
    expect(authStore.getSnapshot()).toEqual({ session: null, endReason: 'expired' });
  });

  it('tries again soon after a network failure, keeping the session meanwhile', async () => {
    let reachable = false;
    const fetchMock = jest.fn(() =>
      reachable
        ? Promise.resolve(jsonResponse(200, anAuthResponse('nurse', { token: 'after-blip' })))
        : Promise.reject(new TypeError('Failed to fetch')),
    );
    globalThis.fetch = fetchMock;
    render(<SessionRefreshEffect />);

    await advance(minutes(13));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(authStore.getAccessToken()).toBe('first');

    reachable = true;
    await advance(REFRESH_RETRY_MS);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(authStore.getAccessToken()).toBe('after-blip');
  });

  it('refreshes at once a token restored close to its expiry', async () => {
    authStore.signIn(anAuthResponse('nurse', { now: start - minutes(14), token: 'nearly-out' }));
    const fetchMock = installFakeFetch({
      'POST /auth/refresh': () => jsonResponse(200, anAuthResponse('nurse', { token: 'fresh' })),
    });
    render(<SessionRefreshEffect />);

    await advance(0);
    expect(requestsTo(fetchMock, 'POST /auth/refresh')).toHaveLength(1);
    expect(authStore.getAccessToken()).toBe('fresh');
  });

  it('stops when unmounted at logout', async () => {
    const fetchMock = installFakeFetch({});
    const view = render(<SessionRefreshEffect />);
    view.unmount();
    await advance(minutes(20));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
