import { Injectable, ParseUUIDPipe, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException, ThrottlerStorageService } from '@nestjs/throttler';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ACCESS_RULE, type AccessRule } from '../auth/access.decorator';
import { Authenticator } from '../auth/authenticator';
import { credentialsFrom } from '../auth/credentials';
import type { Principal } from '../auth/principal';
import { sendRefusal } from '../common/all-exceptions.filter';
import { HttpMetrics } from '../metrics/http-metrics.middleware';
import { RATE_LIMIT_WINDOW_MS, REQUESTS_PER_WINDOW } from '../throttling/rate-limits';
import { VitalsIngestService } from './vitals-ingest.service';
import { VitalsController } from './vitals.controller';

/** The route's pattern as Nest registers it: one label in the metrics, one target in the audit. */
const ROUTE = '/api/v1/sessions/:sessionId/vitals';
const TARGET = `POST ${ROUTE}`;
const sessionIdPipe = new ParseUUIDPipe();

/**
 * Readings posted with a device key: the one request every monitor sends every second, so at a
 * thousand chairs most of what the server does. Served beside Nest's router rather than through
 * it, by the same parts in the same order (rate limit, authentication, the controller's access
 * rule, the session id, the shared schema, ingest) and answered in the same shapes, without the
 * per-request work a route that runs a second does not need (interceptors, the throttler's
 * reflection and hashing, a Redis round trip per reading). Clinicians' manual readings (a token)
 * take Nest's route, VitalsController.
 *
 * The limit counts per instance: a monitor whose readings go to two instances may send twice the
 * budget, still far below a runaway loop.
 */
@Injectable()
export class MonitorVitalsRoute {
  constructor(
    private readonly authenticator: Authenticator,
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
    // Every device this route serves is then admitted by the controller's own rule.
    if (!rule?.devices) {
      throw new Error(
        'VitalsController no longer admits devices: MonitorVitalsRoute must not serve them',
      );
    }
  }

  /** Mounted before Nest's router; anything but a device's POST goes on to it. */
  router(): Router {
    const router = Router();
    const serve: RequestHandler = (request, response, next) => {
      if (credentialsFrom(request.headers)?.kind !== 'device-key') return next();
      void this.serve(request, response);
    };
    router.post(ROUTE, serve);
    return router;
  }

  private async serve(request: Request, response: Response): Promise<void> {
    const stopTimer = this.metrics.duration.startTimer();
    try {
      const principal = await this.admit(request, response);
      // Nest runs a route's pipes together and a bad body is what it reports first: so here too.
      const batch = this.ingest.validate(request.body);
      const sessionId = await sessionIdPipe.transform(String(request.params['sessionId']), {
        type: 'param',
        data: 'sessionId',
      });
      const accepted = await this.ingest.ingest(principal, sessionId, batch);
      response.status(202).json(accepted);
    } catch (error) {
      sendRefusal(request, response, error);
    } finally {
      stopTimer({ method: 'POST', route: ROUTE, status: String(response.statusCode) });
    }
  }

  /**
   * As the guards do it: a refused key still counts against the address before it is refused,
   * a proven device against itself.
   */
  private async admit(request: Request, response: Response): Promise<Principal> {
    let principal: Principal | null = null;
    let refusal: Error | null = null;
    try {
      principal = await this.authenticator.authenticate(credentialsFrom(request.headers), {
        target: TARGET,
        ip: request.ip,
      });
    } catch (error) {
      refusal = error instanceof Error ? error : new UnauthorizedException('credentials refused');
    }
    const tracker =
      principal?.kind === 'device' ? `device:${principal.deviceId}` : `ip:${request.ip ?? '?'}`;
    const { isBlocked, timeToBlockExpire } = await this.limits.increment(
      tracker,
      RATE_LIMIT_WINDOW_MS,
      REQUESTS_PER_WINDOW,
      RATE_LIMIT_WINDOW_MS,
      'default',
    );
    if (isBlocked) {
      response.setHeader('Retry-After', timeToBlockExpire);
      throw new ThrottlerException();
    }
    if (refusal) throw refusal;
    if (!principal) throw new UnauthorizedException('authentication required');
    return principal;
  }
}
