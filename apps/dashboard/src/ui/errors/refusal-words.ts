import {
  ABSOLUTE_CONTRAINDICATIONS,
  DISCHARGE_CRITERION_CODES,
  errorCodeForStatus,
  SESSION_STATES,
  type DischargeCriterion,
  type SessionState,
} from '@vigil/shared';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api/api-error';
import { contraindicationWords } from '../../session/utils/contraindication-words';
import { dischargeCriterionSentence } from '../../session/utils/discharge-words';
import { sessionStateLabel } from '../../ward/utils/session-labels';
import { serverMessagesToFieldErrors, type FieldErrors } from '../forms/field-errors';
import { formatLocalTime } from '../utils/format-date-time';

/**
 * The one place a refusal becomes words for a nurse: by its stable code and the facts in its
 * details, never by the English of the server's message. Where a code has no sentence of its own
 * (a validation failure names the field and the rule) the server's lines are shown as they are.
 */

const NOT_REACHED =
  'The server could not be reached: nothing was recorded. Check the connection and try again.';

function isSessionState(value: unknown): value is SessionState {
  return (SESSION_STATES as readonly unknown[]).includes(value);
}

function codesIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((code) => typeof code === 'string') : [];
}

function criteriaIn(value: unknown): DischargeCriterion[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (criterion): criterion is DischargeCriterion =>
      typeof criterion === 'object' &&
      criterion !== null &&
      (DISCHARGE_CRITERION_CODES as readonly unknown[]).includes(
        (criterion as { code?: unknown }).code,
      ),
  );
}

function numberIn(details: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = details?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** Each reason of a refusal as a sentence of its own; at least one. */
export function refusalSentences(error: unknown): string[] {
  if (!(error instanceof ApiError)) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const sentences = sentencesForCode(error);
  if (sentences.length > 0) return sentences;
  return error.messages.length > 0 ? [...error.messages] : [error.message];
}

function sentencesForCode(error: ApiError): string[] {
  const { details } = error;
  if (error.statusCode === NETWORK_ERROR_STATUS) return [NOT_REACHED];
  switch (error.code ?? errorCodeForStatus(error.statusCode)) {
    case 'SESSION_STATE_CONFLICT': {
      const state = details?.['state'];
      return isSessionState(state)
        ? [
            `The session is now ${sessionStateLabel(state).toLowerCase()}: this cannot be done from there. The screen shows it as it stands.`,
          ]
        : ['The session has changed meanwhile: check it as it stands now before trying again.'];
    }
    case 'STOP_REASON_REQUIRED': {
      const elapsed = numberIn(details, 'elapsedMin');
      const planned = numberIn(details, 'plannedDurationMin');
      return elapsed !== undefined && planned !== undefined
        ? [
            `The infusion has run ${elapsed} of ${planned} planned minutes: give the reason for stopping early.`,
          ]
        : ['The infusion has not run its planned time: give the reason for stopping early.'];
    }
    case 'ASSESSMENT_REQUIRED':
      return ['Record the pre-infusion assessment first.'];
    case 'ORDER_REQUIRED':
      return ['A physician must sign the dose order before the infusion starts.'];
    case 'NO_RECENT_READING':
      return [
        'The monitor has sent no reading in the last 2 minutes: attach it and check the readings arrive, then start.',
      ];
    case 'CONTRAINDICATED':
      return codesIn(details?.['flags']).map((code) =>
        ABSOLUTE_CONTRAINDICATIONS.includes(code)
          ? `${contraindicationWords(code)}: the infusion cannot start.`
          : `${contraindicationWords(code)}: needs a physician’s override.`,
      );
    case 'ABSOLUTE_CONTRAINDICATION':
      return codesIn(details?.['flags']).map(
        (code) => `${contraindicationWords(code)}: no override can allow the infusion.`,
      );
    case 'OVERRIDE_NOT_APPLICABLE':
      return ['The assessment flags nothing an override could cover.'];
    case 'DISCHARGE_CRITERIA_UNMET':
      return criteriaIn(details?.['criteria'])
        .filter((criterion) => !criterion.met)
        .map(dischargeCriterionSentence);
    case 'PHYSICIAN_REQUIRED':
      return ['Only a physician may do this now.'];
    case 'FORBIDDEN':
      return ['Not allowed — your role may not do this.'];
    case 'UNAUTHENTICATED':
      return ['Your login has ended: sign in again.'];
    case 'BAY_OCCUPIED': {
      const bay = details?.['bay'];
      return [
        typeof bay === 'string'
          ? `Bay ${bay} already has a live session.`
          : 'That bay already has a live session.',
      ];
    }
    case 'USERNAME_TAKEN':
      return ['This username is taken: choose another.'];
    case 'MRN_TAKEN':
      return ['A patient with this MRN is already registered.'];
    case 'HL7_SOURCE_TAKEN':
      return ['Another device already sends HL7 messages as this application and facility.'];
    case 'LAST_ADMIN':
      return ['The last active admin cannot be disabled or given another role.'];
    case 'ALERT_STATE_CONFLICT':
      return ['This alert has changed meanwhile: someone else acknowledged it, or it resolved.'];
    case 'ALARM_SUSPEND_REFUSED':
      return [
        "This chair's alarms cannot be suspended now: a suspend is already running, no patient is monitored there, or an alarm a probe change does not explain is sounding.",
      ];
    case 'FOLLOW_UP_DONE':
      return ['Someone has already recorded this follow-up: the list shows what they found.'];
    case 'PUMP_EVENT_OUT_OF_ORDER':
      return [
        'The pump record already has a later entry: give the time this happened after the last entry.',
      ];
    case 'WITNESS_REJECTED':
      return [
        "The witness's username or password was not accepted: nothing was recorded. The witness signs in again with their own password.",
      ];
    case 'WITNESS_NOT_SECOND_CLINICIAN':
      return [
        'The waste must be witnessed by a second nurse or physician, not by the person recording it: nothing was recorded.',
      ];
    case 'NOT_FOUND':
      return ['Not found: it may have been removed, or the address is wrong.'];
    case 'RATE_LIMITED':
      return ['Too many attempts: wait a moment and try again.'];
    case 'LOGIN_DELAYED': {
      const retryAt = details?.['retryAt'];
      const when = typeof retryAt === 'string' ? Date.parse(retryAt) : Number.NaN;
      return [
        Number.isNaN(when)
          ? 'Too many wrong passwords from this screen: wait a moment, then sign in again.'
          : `Too many wrong passwords from this screen: sign in again after ${formatLocalTime(when)}.`,
      ];
    }
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL_ERROR':
      return ['The server could not do this just now: nothing was recorded. Try again.'];
    case 'PAYLOAD_TOO_LARGE':
      return ['Too much to send at once: shorten the text and try again.'];
    // The server's lines name the field and the rule, or the facts, in the contract's words.
    case 'VALIDATION_FAILED':
    case 'MALFORMED_BODY':
    case 'CONFLICT':
    case 'SAFETY_FLOOR':
    case 'OWN_ADMIN_ACCOUNT':
    case 'SAMPLE_CONFLICT':
    case 'VITALS_NOT_ACCEPTED':
    case 'DEVICE_BAY_MISMATCH':
      return [];
  }
}

/**
 * The field a refusal is about, where it is about one, with what to say after the field's label
 * (`Username` `is taken: choose another`).
 */
function fieldRefusal(error: ApiError): { field: string; words: string } | null {
  if (error.code === 'USERNAME_TAKEN')
    return { field: 'username', words: 'is taken: choose another' };
  if (error.code === 'MRN_TAKEN') {
    return { field: 'mrn', words: 'is already registered to another patient' };
  }
  if (error.code !== 'STOP_REASON_REQUIRED') return null;
  const elapsed = numberIn(error.details, 'elapsedMin');
  const planned = numberIn(error.details, 'plannedDurationMin');
  return {
    field: 'reason',
    words:
      elapsed !== undefined && planned !== undefined
        ? `is needed: the infusion has run ${elapsed} of ${planned} planned minutes`
        : 'is needed: the infusion has not run its planned time',
  };
}

/**
 * A refused write beside the field it concerns: by code (a username taken, a stop that needs a
 * reason), a validation failure by the field its lines name first (the contract's format); any
 * other refusal for the form as a whole, in sentences.
 */
export function refusalFieldErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FieldErrors<Field> {
  if (error instanceof ApiError) {
    const refusal = fieldRefusal(error);
    if (refusal && (fields as readonly string[]).includes(refusal.field)) {
      return { [refusal.field]: refusal.words } as FieldErrors<Field>;
    }
    if (error.code === 'VALIDATION_FAILED' && error.statusCode !== NETWORK_ERROR_STATUS) {
      return serverMessagesToFieldErrors(error.messages, fields);
    }
  }
  const errors: FieldErrors<Field> = {};
  errors.form = refusalSentences(error).join(' ');
  return errors;
}
