/** NestJS's error body, as the contract fixes it. */
export interface NestErrorBody {
  statusCode: number;
  error?: string;
  message: string | string[];
}

/** Status code 0 means the request never got an HTTP answer (network down, server unreachable). */
export const NETWORK_ERROR_STATUS = 0;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly messages: readonly string[],
    readonly error?: string,
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
