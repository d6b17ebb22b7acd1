import { z } from 'zod';
import { SEVERITIES } from '../observations/side-effects';
import { expecting } from '../validation/format-issues';

const text = (max: number) =>
  z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** `POST /follow-ups/:id/done {outcome}`: what the call (or the visit) found. */
export const followUpDoneSchema = z.strictObject({ outcome: text(2000) });
export type FollowUpDoneInput = z.infer<typeof followUpDoneSchema>;

export const followUpQuerySchema = z.strictObject({
  due: z.iso.date({ error: expecting('must be a date, YYYY-MM-DD') }),
});

/** An adverse event after discharge, recorded against the session it followed. */
export const adverseEventSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') }),
  description: text(2000),
  severity: z.enum(SEVERITIES, { error: expecting(`must be one of ${SEVERITIES.join(', ')}`) }),
});
export type AdverseEventInput = z.infer<typeof adverseEventSchema>;

export interface AdverseEvent extends AdverseEventInput {
  id: string;
  sessionId: string;
  recordedBy: string;
  recordedAt: string;
}

/** `PUT /patients/:id/course {plannedInfusions}`: a physician plans the series. */
export const plannedCourseSchema = z.strictObject({
  plannedInfusions: z
    .number({ error: expecting('must be a whole number between 1 and 30') })
    .int('must be a whole number between 1 and 30')
    .min(1, 'must be a whole number between 1 and 30')
    .max(30, 'must be a whole number between 1 and 30'),
});
export type PlannedCourseInput = z.infer<typeof plannedCourseSchema>;

/**
 * The printed discharge instructions, in the words the patient takes home. Recording that they
 * were given names this version, so the record says what the patient was told.
 */
export const DISCHARGE_INSTRUCTIONS_VERSION = 1;
export const DISCHARGE_INSTRUCTIONS: readonly string[] = [
  'Do not drive, cycle or operate machinery for 24 hours.',
  'Do not drink alcohol for 24 hours.',
  'Do not take benzodiazepines or opioids until the clinic says you may, unless a doctor who knows about today’s treatment tells you to.',
  'Stay with the adult who takes you home for the rest of the day.',
  'If you feel unwell at night, or have thoughts of harming yourself, call the clinic’s night number or your local emergency number.',
];
