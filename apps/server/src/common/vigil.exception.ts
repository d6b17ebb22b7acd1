import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@vigil/shared';

const REASON: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * A refusal with its stable code (libs/shared `ERROR_CODES`) and, where a program needs them, the
 * facts behind it in `details` (the unmet criteria, the conflicting samples, the current state).
 */
export class VigilException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string | string[],
    details?: Record<string, unknown>,
  ) {
    const body: ErrorBody = {
      statusCode: status,
      error: REASON[status] ?? 'Error',
      code,
      message,
      ...(details && { details }),
    };
    super(body, status);
  }
}

export const badRequest = (
  code: ErrorCode,
  message: string | string[],
  details?: Record<string, unknown>,
) => new VigilException(HttpStatus.BAD_REQUEST, code, message, details);

export const forbidden = (
  code: ErrorCode,
  message: string | string[],
  details?: Record<string, unknown>,
) => new VigilException(HttpStatus.FORBIDDEN, code, message, details);

export const notFound = (message: string, details?: Record<string, unknown>) =>
  new VigilException(HttpStatus.NOT_FOUND, 'NOT_FOUND', message, details);

export const conflict = (
  code: ErrorCode,
  message: string | string[],
  details?: Record<string, unknown>,
) => new VigilException(HttpStatus.CONFLICT, code, message, details);
