import type { ErrorCode } from '@vigil/shared';

/** A request as a fake route sees it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export type FakeRoute = (request: FakeRequest) => Response | Promise<Response>;

/** A response whose body, as over the wire, is a fresh copy each time it is read. */
export function jsonResponse(status: number, body?: unknown): Response {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    json: () =>
      text === undefined
        ? Promise.reject(new SyntaxError('No body'))
        : Promise.resolve(JSON.parse(text) as unknown),
  } as Response;
}

/** The server's error body; `refusal` carries the stable code and its details, as the contract says. */
export function nestError(
  status: number,
  message: string | string[],
  error = 'Error',
  refusal: { code?: ErrorCode; details?: Record<string, unknown> } = {},
): Response {
  return jsonResponse(status, { statusCode: status, error, message, ...refusal });
}

function toFakeRequest(input: RequestInfo | URL, init: RequestInit = {}): FakeRequest {
  const address = typeof input === 'string' || input instanceof URL ? input : input.url;
  const url = new URL(address, 'http://vigil.test');
  return {
    method: init.method ?? 'GET',
    path: url.pathname.replace(/^\/api\/v1/, ''),
    query: url.searchParams,
    headers: { ...(init.headers as Record<string, string>) },
    body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
  };
}

/**
 * Replaces `fetch` with routes keyed `METHOD /path` (under /api/v1, without the query). Anything
 * unrouted answers 404, as NestJS would. Returns the mock for assertions on what was sent.
 */
export function installFakeFetch(routes: Record<string, FakeRoute>) {
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = toFakeRequest(input, init);
    const route = routes[`${request.method} ${request.path}`];
    return route
      ? route(request)
      : nestError(404, `Cannot ${request.method} ${request.path}`, 'Not Found');
  });
  globalThis.fetch = fetchMock as typeof fetch;
  return fetchMock;
}

/** The requests sent so far to `METHOD /path`. */
export function requestsTo(
  fetchMock: ReturnType<typeof installFakeFetch>,
  route: string,
): FakeRequest[] {
  return fetchMock.mock.calls
    .map(([input, init]) => toFakeRequest(input, init))
    .filter((request) => `${request.method} ${request.path}` === route);
}
