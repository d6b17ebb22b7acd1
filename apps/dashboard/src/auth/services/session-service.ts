import { apiClient } from '../../api/api-client';
import { authStore } from '../state/auth-store';

/** Refresh this long before the token runs out, so a slow answer still lands in time. */
export const REFRESH_BEFORE_EXPIRY_MS = 2 * 60_000;

/** When the expiry cannot be read, refresh this often: well inside the ~15 min token life. */
export const FALLBACK_REFRESH_MS = 10 * 60_000;

/** setTimeout's largest delay; a longer one fires at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** How long to wait before refreshing a token that expires at `expiresAt`. */
export function refreshDelay(expiresAt: string, now: number): number {
  const expiry = Date.parse(expiresAt);
  if (Number.isNaN(expiry)) return FALLBACK_REFRESH_MS;
  const delay = expiry - now - REFRESH_BEFORE_EXPIRY_MS;
  return Math.min(Math.max(0, delay), MAX_TIMER_DELAY_MS);
}

let refreshing: Promise<void> | null = null;

/**
 * Trades the current token for a fresh one. Callers at the same moment (the timer, a refused
 * socket) share one request. A 401 ends the session through the api-client; the promise then
 * rejects, as it does for a network failure, which may be retried.
 */
export function refreshAccessToken(): Promise<void> {
  if (refreshing) return refreshing;
  const token = authStore.getAccessToken();
  if (!token) return Promise.reject(new Error('Not signed in'));
  refreshing = apiClient
    .refreshSession()
    .then((response) => {
      // Logged out (or in as someone else) meanwhile: the answer belongs to a finished login.
      authStore.renew(token, response);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Ends the login here at once and tells the server, whose answer changes nothing on screen. */
export async function logOut(): Promise<void> {
  if (!authStore.getAccessToken()) return;
  // The request is built (with the token) before the store forgets the token.
  const request = apiClient.logout();
  authStore.endSession('logout');
  await request.catch(() => undefined);
}
