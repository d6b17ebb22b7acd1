import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type ErrorBody, errorCodeForStatus, isErrorCode } from '@vigil/shared';
import type { Request, Response } from 'express';

/**
 * Every refusal in the contract's shape with its stable `code`; anything else becomes a bare 500
 * whose details stay in the log (and never carry the request body, which may hold patient data).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    sendRefusal(
      host.switchToHttp().getRequest<Request>(),
      host.switchToHttp().getResponse<Response>(),
      exception,
    );
  }
}

const logger = new Logger('Exceptions');

/** The answer to a request that failed, wherever it was served (Nest's routes, the monitors' route). */
export function sendRefusal(request: Request, response: Response, exception: unknown): void {
  const body = refusalOf(exception, {
    method: request.method,
    path: request.path,
    accessLogged: Boolean((request as Partial<Pick<Request, 'log'>>).log),
  });
  // A download route declares its file type up front; a refusal is still JSON a client can read.
  response.status(body.statusCode).type('application/json').json(body);
}

/**
 * The error body for a failed request, logged: a fault with its stack, a refusal of a request that
 * has no access-log line (readings from monitors) by its route and status only, so a
 * misconfigured device shows up in the log; never the body or message, which may carry readings.
 */
export function refusalOf(
  exception: unknown,
  request: { method: string; path: string; accessLogged: boolean },
): ErrorBody {
  if (!(exception instanceof HttpException)) {
    logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : 'non-error thrown',
    );
  } else if (!request.accessLogged) {
    logger.warn(`${request.method} ${request.path} refused with ${exception.getStatus()}`);
  }
  return errorBody(exception);
}

/** The contract's error body for anything thrown while serving a request. */
export function errorBody(exception: unknown): ErrorBody {
  if (!(exception instanceof HttpException)) {
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    };
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  const fields: Partial<ErrorBody> =
    typeof response === 'string' ? { message: response } : response;
  return {
    statusCode: status,
    error: typeof fields.error === 'string' ? fields.error : exception.name,
    code: isErrorCode(fields.code) ? fields.code : errorCodeForStatus(status),
    message: fields.message ?? exception.message,
    ...(fields.details && { details: fields.details }),
  };
}
