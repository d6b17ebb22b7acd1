import { HttpStatus } from '@nestjs/common';
import { json, type RequestHandler } from 'express';
import { type BodyFault, bodyFault, MAX_BODY_DEPTH } from './nul-bytes';
import { VigilException } from './vigil.exception';

export const BODY_LIMIT = '1mb';
/** BODY_LIMIT in bytes, as body-parser reads it. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What body-parser passes on for a body it cannot read. */
interface BodyParserError {
  type?: string;
}

/**
 * Express's JSON parser, whose refusals carry the contract's codes: a body that is not JSON is 400
 * `MALFORMED_BODY`, one over the limit 413 `PAYLOAD_TOO_LARGE` (Nest would turn the first into a
 * plain 400 that names no code), a NUL character anywhere in the body, the query or the path a 400
 * naming the field, before it can reach PostgreSQL, and a body nested past MAX_BODY_DEPTH a 400 too.
 */
export function jsonBody(): RequestHandler {
  const parse = json({ limit: BODY_LIMIT });
  return (request, response, next) =>
    parse(request, response, (error?: unknown) => {
      if (error) return next(bodyRefusal(error));
      const fault = pathFault(request.path) ?? bodyFault(request.body) ?? bodyFault(request.query);
      next(fault ? faultRefusal(fault) : undefined);
    });
}

/** Express decodes `%00` in a path into a NUL in a route parameter: refused like one in a body. */
export function pathFault(path: string): BodyFault | null {
  return /%00/.test(path) ? { kind: 'nul', path: 'the path' } : null;
}

export function faultRefusal(fault: BodyFault): VigilException {
  return new VigilException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
    fault.kind === 'nul'
      ? `${fault.path} must not contain NUL characters`
      : `the request must not be nested deeper than ${MAX_BODY_DEPTH} levels`,
  ]);
}

function bodyRefusal(error: unknown): unknown {
  switch ((error as BodyParserError).type ?? 'not a body-parser error') {
    case 'entity.too.large':
      return bodyTooLarge();
    case 'entity.parse.failed':
      return bodyNotJson();
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return bodyUnreadable();
    default:
      return error;
  }
}

export function bodyTooLarge(): VigilException {
  return new VigilException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than ${BODY_LIMIT}`,
  );
}

export function bodyNotJson(): VigilException {
  return new VigilException(
    HttpStatus.BAD_REQUEST,
    'MALFORMED_BODY',
    'the request body is not valid JSON',
  );
}

export function bodyUnreadable(): VigilException {
  return new VigilException(
    HttpStatus.BAD_REQUEST,
    'MALFORMED_BODY',
    'the request body could not be read',
  );
}
