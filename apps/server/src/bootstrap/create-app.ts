import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RequestHandler } from 'express';
import type { Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from '../app.module';
import { jsonBody } from '../common/json-body.middleware';
import { FHIR_PATH } from '../fhir/fhir.controller';
import { refuseSourceMaps } from './dashboard-static';
import { NO_STORE_HEADERS, securityHeaders } from './security-headers';
import type { AppConfig } from '../config/app-config';
import { RedisConnection } from '../redis/redis.module';
import { VigilIoAdapter } from '../realtime/vigil-io.adapter';
import { MonitorVitalsRoute } from '../vitals/monitor-vitals.route';

export const API_PREFIX = 'api/v1';
/**
 * Longer than any client or proxy keeps an idle connection (nginx: 60 s). Node's 5 s would close
 * connections the proxy still counts as open, and a reading posted on one as it closes fails.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

const noStore: RequestHandler = (request, response, next) => {
  if (request.path !== '/health') response.set(NO_STORE_HEADERS);
  next();
};

/**
 * FHIR clients are pointed at a base URL and expect `…/fhir/r4`: the contract names it so, and
 * the API serves it under /api/v1 like every other route. The root path is the same endpoint.
 */
function fhirAtRoot(): RequestHandler {
  const root = `/${FHIR_PATH}`;
  return (request, _response, next) => {
    if (
      request.url === root ||
      request.url.startsWith(`${root}/`) ||
      request.url.startsWith(`${root}?`)
    ) {
      request.url = `/${API_PREFIX}${request.url}`;
    }
    next();
  };
}

/** Builds the whole application from a validated config; main.ts and the tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(fhirAtRoot());
  app.use(jsonBody());
  const httpServer: Server = app.getHttpServer();
  // Ahead of Express: every monitor's reading, every second (MonitorVitalsRoute says why).
  app.get(MonitorVitalsRoute).installOn(httpServer);
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Behind the proxy, the client's address (rate limits, audit) comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxyHops);
  // API replies are fresh every time; hashing each body for an ETag would be wasted work.
  app.set('etag', false);
  app.use(`/${API_PREFIX}`, noStore);
  app.use(refuseSourceMaps);
  app.use(securityHeaders());
  // Without configured origins the dashboard is same-origin and browsers refuse every other
  // origin anyway; the CORS middleware would only cost every request its time.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix(API_PREFIX);

  const redisConnection = app.get(RedisConnection);
  const redis = await redisConnection.connect();
  app.useWebSocketAdapter(
    new VigilIoAdapter(app, redis, config.corsOrigins, (name) => redisConnection.key(name)),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vigil')
      .setDescription('Real-time monitoring of IV ketamine infusion sessions')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document));
  return app;
}
