import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorBody } from '../common/all-exceptions.filter';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** Where an OperationOutcome carries Vigil's stable error code beside FHIR's issue type. */
export const VIGIL_ERROR_CODE_SYSTEM = 'urn:vigil:error-code';

const ISSUE_TYPE: Partial<Record<number, string>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  413: 'too-costly',
  429: 'throttled',
};

/**
 * Refusals on the FHIR endpoint as FHIR clients read them: an OperationOutcome with the HTTP
 * status, the issue type and Vigil's stable code. Guards' refusals (401, 403, 429) come here too.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger('FHIR');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = errorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : 'non-error thrown',
      );
    }
    const message = [body.message].flat().join('; ');
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(body.statusCode)
      .type(FHIR_JSON)
      .send(JSON.stringify(operationOutcome(body.statusCode, body.code, message)));
  }
}

export function operationOutcome(status: number, code: string, message: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: ISSUE_TYPE[status] ?? (status >= 500 ? 'exception' : 'processing'),
        details: { coding: [{ system: VIGIL_ERROR_CODE_SYSTEM, code }], text: message },
        diagnostics: message,
      },
    ],
  };
}
