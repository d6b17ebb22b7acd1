import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { INDICATIONS } from './session.types';

export const DEFAULT_PLANNED_DURATION_MIN = 40;
export const PLANNED_DURATION_RANGE_MIN = { min: 40, max: 60 } as const;
/** The widest a physician's override may set. */
export const OVERRIDE_DURATION_RANGE_MIN = { min: 20, max: 120 } as const;
const durationRule = `must be between ${OVERRIDE_DURATION_RANGE_MIN.min} and ${OVERRIDE_DURATION_RANGE_MIN.max}`;

export const createSessionSchema = z
  .strictObject({
    patientId: z.uuid({ error: expecting('must be a patient id (UUID)') }),
    bay: z
      .string({ error: expecting('must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters'),
    indication: z.enum(INDICATIONS, {
      error: expecting(`must be one of ${INDICATIONS.join(', ')}`),
    }),
    doseMgPerKg: z
      .number({ error: expecting('must be a number between 0.05 and 2') })
      .min(0.05, 'must be between 0.05 and 2')
      .max(2, 'must be between 0.05 and 2'),
    plannedDurationMin: z
      .number({ error: expecting('must be a whole number of minutes') })
      .int('must be a whole number of minutes')
      .min(OVERRIDE_DURATION_RANGE_MIN.min, durationRule)
      .max(OVERRIDE_DURATION_RANGE_MIN.max, durationRule)
      .default(DEFAULT_PLANNED_DURATION_MIN),
    /** A physician's reason for a planned duration outside 40–60 minutes. */
    durationOverrideReason: z
      .string()
      .trim()
      .min(3, 'must say why (at least 3 characters)')
      .max(1000)
      .optional(),
    thresholdProfileId: z
      .string({ error: expecting('must be a threshold profile id') })
      .regex(/^[a-z0-9-]{1,64}$/, 'must be a threshold profile id')
      .optional(),
    /** When the patient is expected in the chair; the day's list is ordered by it. */
    scheduledAt: z.iso
      .datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') })
      .optional(),
    assignedNurseId: z.uuid({ error: expecting('must be a user id (UUID)') }).optional(),
    supervisingPhysicianId: z.uuid({ error: expecting('must be a user id (UUID)') }).optional(),
  })
  .superRefine((input, ctx) => {
    const { min, max } = PLANNED_DURATION_RANGE_MIN;
    if (
      (input.plannedDurationMin < min || input.plannedDurationMin > max) &&
      !input.durationOverrideReason
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['plannedDurationMin'],
        message: `must be between ${min} and ${max} unless a physician gives durationOverrideReason`,
      });
    }
  });

export type CreateSessionInput = z.input<typeof createSessionSchema>;
export type CreateSession = z.output<typeof createSessionSchema>;
