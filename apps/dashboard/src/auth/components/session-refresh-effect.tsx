import { useEffect } from 'react';
import { ApiError } from '../../api/api-error';
import { useAuthSession } from '../hooks/use-auth-session';
import { refreshAccessToken, refreshDelay } from '../services/session-service';

/** After a failed refresh (network, 5xx), try again this soon while the token still works. */
export const REFRESH_RETRY_MS = 15_000;

/** Keeps the login alive: renews the token a little before it expires. Renders nothing. */
export function SessionRefreshEffect() {
  const expiresAt = useAuthSession().session?.expiresAt;

  useEffect(() => {
    if (!expiresAt) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const attempt = () => {
      refreshAccessToken().catch((error: unknown) => {
        // A 401 has already ended the session; anything else may be a blip.
        const sessionOver = error instanceof ApiError && error.statusCode === 401;
        if (!cancelled && !sessionOver) timer = setTimeout(attempt, REFRESH_RETRY_MS);
      });
    };
    timer = setTimeout(attempt, refreshDelay(expiresAt, Date.now()));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [expiresAt]);

  return null;
}
