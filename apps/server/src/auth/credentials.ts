import type { IncomingHttpHeaders } from 'node:http';

export type Credentials =
  { kind: 'token'; token: string } | { kind: 'device-key'; apiKey: string } | null;

/** What a request presents: a clinician's bearer token or a device's key (never both). */
export function credentialsFrom(headers: IncomingHttpHeaders): Credentials {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer '))
    return { kind: 'token', token: authorization.slice(7).trim() };
  const apiKey = headers['x-device-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return { kind: 'device-key', apiKey };
  return null;
}
