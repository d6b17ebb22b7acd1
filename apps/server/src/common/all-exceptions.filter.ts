import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * HTTP errors keep NestJS's shape; anything else becomes a bare 500 whose details stay in the log
 * (and never carry the request body, which may hold patient data).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      this.logUnloggedRefusal(host.switchToHttp().getRequest<Request>(), exception.getStatus());
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(
          typeof body === 'string'
            ? { statusCode: exception.getStatus(), error: exception.name, message: body }
            : body,
        );
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : 'non-error thrown',
    );
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  }

  /**
   * Requests without an access-log line (readings from monitors) still leave one when refused, so
   * a misconfigured device shows up in the log: route and status only, never the body or message,
   * which may carry readings.
   */
  private logUnloggedRefusal(request: Request, status: number): void {
    if ((request as Partial<Pick<Request, 'log'>>).log) return;
    this.logger.warn(`${request.method} ${request.path} refused with ${status}`);
  }
}
