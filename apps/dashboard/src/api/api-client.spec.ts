import { apiClient } from './api-client';
import { ApiError, NETWORK_ERROR_STATUS } from './api-error';

function jsonResponse(status: number, body: unknown): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    json: () => Promise.resolve(body),
  } as Response;
}

describe('apiClient', () => {
  const fetchMock = jest.fn<Promise<Response>, Parameters<typeof fetch>>();

  beforeEach(() => {
    fetchMock.mockReset();
    globalThis.fetch = fetchMock;
  });

  it('asks for the live sessions under /api/v1', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, []));
    await expect(apiClient.listLiveSessions()).resolves.toEqual([]);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/sessions?live=true', expect.anything());
  });

  it('asks for a session’s vitals from an ISO time', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, []));
    await apiClient.listSessionVitals('a/b', new Date('2026-11-25T10:00:00.000Z'));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/sessions/a%2Fb/vitals?from=2026-11-25T10%3A00%3A00.000Z',
      expect.anything(),
    );
  });

  it('throws the status and every message of a NestJS validation error', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: ['from must be an ISO 8601 date-time', 'to must be after from'],
      }),
    );
    const error = await apiClient.listSessionVitals('s', new Date(0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      messages: ['from must be an ISO 8601 date-time', 'to must be after from'],
      message: 'from must be an ISO 8601 date-time; to must be after from',
    });
  });

  it('throws a single NestJS message as it is', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(404, { statusCode: 404, error: 'Not Found', message: 'session s not found' }),
    );
    await expect(apiClient.listSessionVitals('s', new Date(0))).rejects.toMatchObject({
      statusCode: 404,
      message: 'session s not found',
    });
  });

  it('keeps the HTTP status when the body is not NestJS’s', async () => {
    fetchMock.mockResolvedValue({
      ok: false,
      status: 502,
      statusText: 'Bad Gateway',
      json: () => Promise.reject(new SyntaxError('Unexpected token <')),
    } as Response);
    await expect(apiClient.listLiveSessions()).rejects.toMatchObject({
      statusCode: 502,
      message: 'Bad Gateway',
    });
  });

  it('reports an unreachable server with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(apiClient.listLiveSessions()).rejects.toMatchObject({
      statusCode: NETWORK_ERROR_STATUS,
      message: 'Server unreachable: Failed to fetch',
    });
  });
});
