import type { ErrorCode } from '@vigil/shared';

/** NestJS's error body with the contract's stable code. */
export interface NestErrorBody {
  statusCode: number;
  error?: string;
  code?: ErrorCode;
  message: string | string[];
  details?: Record<string, unknown>;
}

/** Status code 0 means the request never got an HTTP answer (network down, server unreachable). */
export const NETWORK_ERROR_STATUS = 0;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly messages: readonly string[],
    readonly error?: string,
    /** What the dashboard acts on and words for a person; never the English message. */
    readonly code?: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.join('; '));
  }
}

export function isNestErrorBody(body: unknown): body is NestErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { statusCode, message } = body as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    (typeof message === 'string' ||
      (Array.isArray(message) && message.every((line) => typeof line === 'string')))
  );
}
