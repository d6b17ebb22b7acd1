/** The passwords the suites' servers and users are given. */
export const E2E_ADMIN_PASSWORD = 'admin password for e2e';
export const E2E_PASSWORD = 'correct horse battery';

/**
 * The REST API as a suite's users call it, against the server at `baseUrl()` (read at each call:
 * the suite starts its server after declaring these).
 */
export function restApi(baseUrl: () => string) {
  /** A REST call as `token`, failing the suite with the server's answer when refused. */
  async function call<T>(token: string, method: string, path: string, body?: unknown) {
    const reply = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await reply.text();
    if (!reply.ok) throw new Error(`${method} ${path} → ${reply.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function signIn(username: string, password = E2E_PASSWORD) {
    const reply = await fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(reply.status).toBe(200);
    return (await reply.json()) as { accessToken: string; user: { id: string } };
  }

  async function login(username: string, password = E2E_PASSWORD): Promise<string> {
    return (await signIn(username, password)).accessToken;
  }

  return { call, signIn, login };
}
