import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

const MAX_RETRIES = 3;

/** A 4xx will not get better by asking again; anything else (network, 5xx) might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const isClientError =
    error instanceof ApiError && error.statusCode >= 400 && error.statusCode < 500;
  return !isClientError && failureCount < MAX_RETRIES;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // Every read of patient data is audited on the server: switching windows must not add
        // entries. Live data follows the socket; other screens reload when opened.
        refetchOnWindowFocus: false,
      },
    },
  });
}
