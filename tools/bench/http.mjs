import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {{ status: number, body: any, ms: number }} HttpResult
 * A JSON client over node:http (undici is not resolvable from this repository, so no fetch
 * dispatcher to size): one keep-alive agent per purpose, its maxSockets the bound on concurrency.
 */

/** @param {number} maxSockets */
export function createAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/**
 * @param {{ baseUrl: string, agent: http.Agent, method: string, path: string,
 *   headers?: Record<string, string>, body?: unknown, timeoutMs?: number }} options
 * @returns {Promise<HttpResult>} never rejects: a network failure or a timeout comes back as
 *   status 0 with body { error }.
 */
export function requestJson({
  baseUrl,
  agent,
  method,
  path,
  headers = {},
  body,
  timeoutMs = 30_000,
}) {
  const started = performance.now();
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    let settled = false;
    /** @param {number} status @param {any} result */
    const finish = (status, result) => {
      if (settled) return;
      settled = true;
      resolve({ status, body: result, ms: performance.now() - started });
    };
    const req = http.request(
      new URL(path, baseUrl),
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = /** @type {Buffer[]} */ ([]);
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          finish(res.statusCode ?? 0, parsed);
        });
        res.on('error', (error) => finish(0, { error: error.message }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error('timeout'));
    });
    req.on('error', (error) => {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      const reason = error.message === 'timeout' ? 'timeout' : (code ?? error.message);
      // A reset on a kept-alive socket and one on a fresh connection have different causes.
      finish(0, { error: `${reason}${req.reusedSocket ? ' (reused connection)' : ''}` });
    });
    req.end(payload);
  });
}

/**
 * A small REST client that throws on an unexpected status (for setup, where any failure is fatal).
 * @param {string} baseUrl
 * @param {http.Agent} agent
 * @param {{ requests: number, throttled: number }} [stats] counts calls and 429 retries
 */
export function restClient(baseUrl, agent, stats = { requests: 0, throttled: 0 }) {
  /**
   * @param {string} method @param {string} path
   * @param {{ token?: string, body?: unknown, expect?: number }} [options]
   */
  return async function call(method, path, { token, body, expect } = {}) {
    for (let attempt = 0; ; attempt++) {
      const result = await requestJson({
        baseUrl,
        agent,
        method,
        path,
        body,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      // Setup spreads its calls over several logins to stay under the per-caller limit; a 429
      // would still only mean "wait", never a broken benchmark.
      stats.requests += 1;
      if (result.status === 429 && attempt < 10) {
        stats.throttled += 1;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      const ok = expect ? result.status === expect : result.status >= 200 && result.status < 300;
      if (!ok) {
        throw new Error(
          `${method} ${path} → ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`,
        );
      }
      return result.body;
    }
  };
}
