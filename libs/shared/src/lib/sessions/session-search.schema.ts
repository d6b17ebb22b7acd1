import { z } from 'zod';
import { ALERT_PRIORITIES } from '../alerts/alert.types';
import { expecting } from '../validation/format-issues';
import { SESSION_STATES } from './session-state';

const isoTime = z.iso.datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') });
const searchText = (what: string) =>
  z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(2, `must name ${what} (at least 2 characters)`)
    .max(120, 'must be at most 120 characters');

/**
 * `GET /sessions`: the contract's `state`, `bay`, `from` and `to` (on the session's creation
 * time), the ward's `live`, and an auditor's search:
 * - `patient`: part of the patient's MRN or name, any case;
 * - `clinician`: part of a username or display name, any case, of the assigned nurse, the
 *   supervising physician, or a nurse or physician who recorded anything in the session's audit
 *   trail (a clinical write, not a mere read);
 * - `priority`: the session had an alert of that priority (the highest the alert reached).
 */
export const sessionSearchQuerySchema = z.strictObject({
  state: z
    .enum(SESSION_STATES, { error: expecting(`must be one of ${SESSION_STATES.join(', ')}`) })
    .optional(),
  bay: z.string().trim().min(1, 'must not be empty').optional(),
  live: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  patient: searchText('a patient').optional(),
  clinician: searchText('a clinician').optional(),
  priority: z
    .enum(ALERT_PRIORITIES, { error: expecting(`must be one of ${ALERT_PRIORITIES.join(', ')}`) })
    .optional(),
});
export type SessionSearchQuery = z.output<typeof sessionSearchQuerySchema>;
export type SessionSearchQueryInput = z.input<typeof sessionSearchQuerySchema>;
