import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Structured JSON logs with no patient data: request bodies are never logged, query strings are
 * cut from URLs (they may carry an MRN), and credentials are redacted.
 *
 * Readings posted by monitors (one a second per bed) get no access-log line: at a thousand beds
 * that would be most of the log and a tenth of the server's CPU. They are counted in /metrics
 * instead, and a refused one is logged by the exception filter.
 */
export const VITALS_INGEST_ROUTE = 'sessions/:sessionId/vitals';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        exclude: [{ method: RequestMethod.POST, path: VITALS_INGEST_ROUTE }],
        // nestjs-pino's default is the Express 4 wildcard `*`, which Nest warns of at every start.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-device-key"]',
            ],
            censor: '[redacted]',
          },
          serializers: {
            req: (req: IncomingMessage & { id?: unknown }) => ({
              id: req.id,
              method: req.method,
              url: req.url?.split('?')[0],
            }),
          },
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url === '/api/v1/health',
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
