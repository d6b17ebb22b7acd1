import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException, ThrottlerStorageService } from '@nestjs/throttler';
import type { VitalsAccepted } from '@vigil/shared';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  Server,
  ServerResponse,
} from 'node:http';
import { ACCESS_RULE, type AccessRule } from '../auth/access.decorator';
import type { DevicePrincipal } from '../auth/principal';
import { apiReplyHeaders } from '../bootstrap/security-headers';
import { refusalOf } from '../common/all-exceptions.filter';
import {
  BODY_LIMIT_BYTES,
  bodyNotJson,
  bodyTooLarge,
  bodyUnreadable,
  faultRefusal,
} from '../common/json-body.middleware';
import { bodyFault } from '../common/nul-bytes';
import { DevicesService } from '../devices/devices.service';
import { HttpMetrics } from '../metrics/http-metrics.middleware';
import { RATE_LIMIT_WINDOW_MS, REQUESTS_PER_WINDOW } from '../throttling/rate-limits';
import { VitalsIngestService } from './vitals-ingest.service';
import { VitalsController } from './vitals.controller';

/** The route's pattern as Nest registers it: one label in the metrics for both ways in. */
const ROUTE = '/api/v1/sessions/:sessionId/vitals';
/** A plain path: anything with a query, an encoded character or another shape goes to Express. */
const PATH = /^\/api\/v1\/sessions\/([0-9A-Za-z-]{1,64})\/vitals\/?$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset=["']?utf-8["']?\s*)?$/i;
const sessionIdPipe = new ParseUUIDPipe();
const utf8 = new TextDecoder('utf-8');

/**
 * Readings a monitor posts with its device key: the one request every chair sends every second,
 * so at a thousand chairs most of what the server does. Answered ahead of Express and Nest, by the
 * same parts in the same order (the device's key and rate limit, the shared schema, the session
 * id, ingest) and in the same shapes and headers, without the work a route that runs a thousand
 * times a second cannot afford (Express's middleware chain, Nest's guards, pipes and interceptors,
 * the throttler's reflection and hashing, a Redis round trip per reading).
 *
 * Only the plain case is taken here, decided from the request line and headers alone: a POST with
 * a device key, no bearer token, no Origin (no CORS to answer), a JSON body that is not compressed.
 * Everything else, and a key that is not a live device's (so that the refusal is counted and
 * audited where every other refusal is), goes on to Express and VitalsController untouched.
 *
 * The limit counts per instance: a monitor whose readings go to two instances may send twice the
 * budget, still far below a runaway loop.
 */
@Injectable()
export class MonitorVitalsRoute {
  private readonly headers = apiReplyHeaders();

  constructor(
    private readonly devices: DevicesService,
    private readonly ingest: VitalsIngestService,
    private readonly metrics: HttpMetrics,
    private readonly limits: ThrottlerStorageService,
    reflector: Reflector,
  ) {
    const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      // eslint-disable-next-line @typescript-eslint/unbound-method -- read for its metadata, never called
      VitalsController.prototype.accept,
      VitalsController,
    ]);
    // Every device key this route takes is then one the controller's own rule admits.
    if (!rule?.devices) {
      throw new Error(
        'VitalsController no longer admits devices: MonitorVitalsRoute must not serve them',
      );
    }
  }

  /** Puts the route in front of the server's request handler (Express, as Nest made it). */
  installOn(server: Server): void {
    const [express, ...others] = server.listeners('request') as RequestListener[];
    if (!express || others.length > 0) {
      throw new Error('expected exactly one request handler (Express) on the HTTP server');
    }
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const sessionId = this.plainDevicePost(request);
      if (sessionId === null) return express(request, response);
      void this.serve(request, response, sessionId, () => express(request, response));
    });
  }

  /** The session id of a request this route takes, or null for Express. */
  private plainDevicePost(request: IncomingMessage): string | null {
    if (request.method !== 'POST') return null;
    const { headers } = request;
    const apiKey = headers['x-device-key'];
    if (typeof apiKey !== 'string' || apiKey.length === 0 || headers.authorization) return null;
    if (headers.origin || headers['content-encoding'] || headers.expect) return null;
    if (!JSON_TYPE.test(headers['content-type'] ?? '')) return null;
    return PATH.exec(request.url ?? '')?.[1] ?? null;
  }

  private async serve(
    request: IncomingMessage,
    response: ServerResponse,
    sessionIdParam: string,
    toExpress: () => void,
  ): Promise<void> {
    const device = await this.devices
      .authenticate(request.headers['x-device-key'] as string)
      .catch(() => null);
    // The body is still unread: Express can take the request whole.
    if (!device) return toExpress();
    const stopTimer = this.metrics.duration.startTimer();
    try {
      await this.withinLimit(device, response);
      const body = await readJson(request);
      const fault = bodyFault(body);
      if (fault) throw faultRefusal(fault);
      // Nest runs a route's pipes together and a bad body is what it reports first: so here too.
      const batch = this.ingest.validate(body);
      const sessionId = await sessionIdPipe.transform(sessionIdParam, {
        type: 'param',
        data: 'sessionId',
      });
      this.reply(response, 202, await this.ingest.ingest(device, sessionId, batch));
    } catch (error) {
      const refusal = refusalOf(error, {
        method: 'POST',
        path: request.url ?? ROUTE,
        accessLogged: false,
      });
      this.reply(response, refusal.statusCode, refusal);
    } finally {
      stopTimer({ method: 'POST', route: ROUTE, status: String(response.statusCode) });
    }
  }

  private async withinLimit(device: DevicePrincipal, response: ServerResponse): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.limits.increment(
      `device:${device.deviceId}`,
      RATE_LIMIT_WINDOW_MS,
      REQUESTS_PER_WINDOW,
      RATE_LIMIT_WINDOW_MS,
      'default',
    );
    if (isBlocked) {
      response.setHeader('Retry-After', timeToBlockExpire);
      throw new ThrottlerException();
    }
  }

  private reply(response: ServerResponse, status: number, body: VitalsAccepted | object): void {
    if (response.headersSent) return;
    const json = JSON.stringify(body);
    const headers: OutgoingHttpHeaders = {
      ...this.headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    };
    response.writeHead(status, headers).end(json);
  }
}

/**
 * The body as body-parser's strict JSON reads it: empty is `{}`, anything but an object or an
 * array is not JSON, and past BODY_LIMIT_BYTES reading stops with 413.
 */
function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > BODY_LIMIT_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      const text = utf8.decode(Buffer.concat(chunks, length)).trim();
      if (text.length === 0) return resolve({});
      if (text[0] !== '{' && text[0] !== '[') return reject(bodyNotJson());
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(bodyNotJson());
      }
    });
    request.once('error', () => reject(bodyUnreadable()));
    // A monitor that hangs up mid-body: nobody to answer, but the request must not wait forever.
    request.once('close', () => {
      if (!request.complete) reject(bodyUnreadable());
    });
  });
}
