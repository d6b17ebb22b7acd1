import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Helmet's headers on every reply; the dashboard's socket is same-origin, ws: or wss:. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: { 'connect-src': ["'self'", 'ws:', 'wss:'] },
    },
  });
}

/**
 * API replies carry patient data: no browser, proxy or shared workstation may keep a copy. Health
 * names no patient and is polled by orchestrators, so it stays cacheable by default rules.
 */
export const NO_STORE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/**
 * The headers Express would put on an API reply (helmet's and no-store), worked out once: for a
 * route served without Express (MonitorVitalsRoute), so that its replies carry the same.
 */
export function apiReplyHeaders(): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: (name: string) => delete headers[name],
  };
  let done = false;
  (
    securityHeaders() as unknown as (
      request: IncomingMessage,
      response: ServerResponse,
      next: (error?: unknown) => void,
    ) => void
  )({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
    done = true;
  });
  // Helmet sets its headers synchronously; were that to change, this must not half-work.
  if (!done) throw new Error('helmet did not finish synchronously');
  return { ...headers, ...NO_STORE_HEADERS };
}
