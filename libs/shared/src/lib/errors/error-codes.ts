/**
 * Every refusal the server gives carries one of these codes: programs and the dashboard act on the
 * code, never on the English message beside it (contract: errors).
 */
export const ERROR_CODES = [
  // Any request
  'MALFORMED_BODY',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // Registration
  'MRN_TAKEN',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'OWN_ADMIN_ACCOUNT',
  // Sessions
  'SESSION_STATE_CONFLICT',
  'BAY_OCCUPIED',
  'ORDER_REQUIRED',
  'PHYSICIAN_REQUIRED',
  'ASSESSMENT_REQUIRED',
  'CONTRAINDICATED',
  'OVERRIDE_NOT_APPLICABLE',
  'ABSOLUTE_CONTRAINDICATION',
  'STOP_REASON_REQUIRED',
  'DISCHARGE_CRITERIA_UNMET',
  // Vitals
  'SAMPLE_CONFLICT',
  'VITALS_NOT_ACCEPTED',
  'DEVICE_BAY_MISMATCH',
  // Devices
  'HL7_SOURCE_TAKEN',
  // Alerts
  'ALERT_STATE_CONFLICT',
  'ALARM_SUSPEND_REFUSED',
  // Clinical limits
  'SAFETY_FLOOR',
  // Login
  'LOGIN_DELAYED',
  // Aftercare
  'FOLLOW_UP_DONE',
  // Administration record
  'PUMP_EVENT_OUT_OF_ORDER',
  'WITNESS_REJECTED',
  'WITNESS_NOT_SECOND_CLINICIAN',
  // Session workflow
  'NO_RECENT_READING',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The contract's error body: NestJS's shape plus the stable code. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string | string[];
  details?: Record<string, unknown>;
}

/** The code a refusal without a more specific one carries, from its HTTP status. */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
