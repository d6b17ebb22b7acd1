import { anAuthResponse } from '../../test/auth.fixture';
import { authStore } from '../auth/state/auth-store';
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
    authStore.clear();
  });

  const sentHeaders = (call = 0) => fetchMock.mock.calls[call]?.[1]?.headers;

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

  it('downloads a session’s report as a blob, with the Bearer header', async () => {
    authStore.signIn(anAuthResponse('auditor', { token: 'tok-1' }));
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    fetchMock.mockResolvedValue({
      ok: true,
      status: 200,
      blob: () => Promise.resolve(pdf),
    } as Response);

    await expect(apiClient.downloadSessionReport('s/1')).resolves.toBe(pdf);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/sessions/s%2F1/report.pdf', expect.anything());
    expect(sentHeaders()).toEqual({ Accept: 'application/pdf', Authorization: 'Bearer tok-1' });
  });

  it('sends a transition’s body, and an empty object for one without', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await apiClient.transitionSession('s-1', 'pause', { reason: 'nausea' });
    await apiClient.transitionSession('s-1', 'resume', undefined);
    expect(fetchMock.mock.calls.map(([url, init]) => [url, init?.body])).toEqual([
      ['/api/v1/sessions/s-1/pause', JSON.stringify({ reason: 'nausea' })],
      ['/api/v1/sessions/s-1/resume', '{}'],
    ]);
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

  describe('with a login', () => {
    beforeEach(() => authStore.signIn(anAuthResponse('nurse', { token: 'abc' })));

    it('sends the bearer token with every call', async () => {
      fetchMock.mockResolvedValue(jsonResponse(200, []));
      await apiClient.listLiveSessions();
      expect(sentHeaders()).toMatchObject({ Authorization: 'Bearer abc' });
    });

    it('sends a body as JSON', async () => {
      fetchMock.mockResolvedValue(jsonResponse(200, { id: 'u1' }));
      await apiClient.updateUser('u/1', { disabled: true });
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/v1/users/u%2F1',
        expect.objectContaining({ method: 'PATCH', body: '{"disabled":true}' }),
      );
      expect(sentHeaders()).toMatchObject({ 'Content-Type': 'application/json' });
    });

    it('ends the session when the server answers 401', async () => {
      fetchMock.mockResolvedValue(jsonResponse(401, { statusCode: 401, message: 'Unauthorized' }));
      await expect(apiClient.listUsers()).rejects.toMatchObject({ statusCode: 401 });
      expect(authStore.getSnapshot()).toEqual({ session: null, endReason: 'expired' });
    });

    it('keeps the session on a 403, which only refuses this one thing', async () => {
      fetchMock.mockResolvedValue(jsonResponse(403, { statusCode: 403, message: 'Forbidden' }));
      await expect(apiClient.listUsers()).rejects.toMatchObject({ statusCode: 403 });
      expect(authStore.getAccessToken()).toBe('abc');
    });

    it('ignores a 401 that answers a token replaced in the meantime', async () => {
      let answer: (response: Response) => void = () => undefined;
      fetchMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));
      const request = apiClient.listUsers();
      authStore.renew('abc', anAuthResponse('nurse', { token: 'def' }));
      answer(jsonResponse(401, { statusCode: 401, message: 'Unauthorized' }));
      await expect(request).rejects.toMatchObject({ statusCode: 401 });
      expect(authStore.getAccessToken()).toBe('def');
    });

    it('accepts the empty 204 of a logout', async () => {
      fetchMock.mockResolvedValue(jsonResponse(204, undefined));
      await expect(apiClient.logout()).resolves.toBeUndefined();
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/v1/auth/logout',
        expect.objectContaining({ method: 'POST' }),
      );
    });
  });

  describe('login', () => {
    it('sends the credentials without a token', async () => {
      authStore.signIn(anAuthResponse('nurse', { token: 'someone-elses' }));
      fetchMock.mockResolvedValue(jsonResponse(200, anAuthResponse('admin')));
      await apiClient.login({ username: 'admin', password: 'demo' });
      expect(sentHeaders()).not.toHaveProperty('Authorization');
      expect(fetchMock.mock.calls[0]?.[1]?.body).toBe('{"username":"admin","password":"demo"}');
    });

    it('treats its 401 as wrong credentials, not as an ended session', async () => {
      authStore.signIn(anAuthResponse('nurse', { token: 'still-valid' }));
      fetchMock.mockResolvedValue(
        jsonResponse(401, { statusCode: 401, message: 'invalid username or password' }),
      );
      await expect(apiClient.login({ username: 'x', password: 'y' })).rejects.toMatchObject({
        message: 'invalid username or password',
      });
      expect(authStore.getAccessToken()).toBe('still-valid');
    });
  });

  it('asks for audit entries with every filter set, and the limit', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, []));
    await apiClient.listAuditEntries({ actor: 'nurse', limit: 50 });
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/audit?actor=nurse&limit=50', expect.anything());
  });
});
