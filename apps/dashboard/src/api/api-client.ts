import type { Session, VitalSample } from '@vigil/shared';
import { ApiError, isNestErrorBody, NETWORK_ERROR_STATUS } from './api-error';

export const API_BASE_PATH = '/api/v1';

type QueryParams = Record<string, string | undefined>;

interface RequestOptions {
  query?: QueryParams;
  signal?: AbortSignal;
}

/** The one place request headers are built; the bearer token joins them once login exists. */
function buildRequestHeaders(): HeadersInit {
  return { Accept: 'application/json' };
}

function buildUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, value);
  }
  const search = params.toString();
  return `${API_BASE_PATH}${path}${search ? `?${search}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isNestErrorBody(body)) {
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    return new ApiError(response.status, messages, body.error);
  }
  // A proxy or a crashed server answers without NestJS's body; keep the status at least.
  return new ApiError(response.status, [response.statusText || `HTTP ${response.status}`]);
}

async function getJson<T>(path: string, { query, signal }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: buildRequestHeaders(), signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(NETWORK_ERROR_STATUS, [`Server unreachable: ${reason}`]);
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export const apiClient = {
  listLiveSessions(signal?: AbortSignal): Promise<Session[]> {
    return getJson<Session[]>('/sessions', { query: { live: 'true' }, signal });
  },

  listSessionVitals(sessionId: string, from: Date, signal?: AbortSignal): Promise<VitalSample[]> {
    return getJson<VitalSample[]>(`/sessions/${encodeURIComponent(sessionId)}/vitals`, {
      query: { from: from.toISOString() },
      signal,
    });
  },
};
