import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { INDICATIONS } from './session.types';

export const DEFAULT_PLANNED_DURATION_MIN = 40;
export const PLANNED_DURATION_RANGE_MIN = { min: 40, max: 60 } as const;

export const createSessionSchema = z.strictObject({
  patientId: z.uuid({ error: expecting('must be a patient id (UUID)') }),
  bay: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(32, 'must be at most 32 characters'),
  indication: z.enum(INDICATIONS, { error: expecting(`must be one of ${INDICATIONS.join(', ')}`) }),
  doseMgPerKg: z
    .number({ error: expecting('must be a number between 0.05 and 2') })
    .min(0.05, 'must be between 0.05 and 2')
    .max(2, 'must be between 0.05 and 2'),
  plannedDurationMin: z
    .number({ error: expecting('must be a whole number of minutes') })
    .int('must be a whole number of minutes')
    .min(
      PLANNED_DURATION_RANGE_MIN.min,
      `must be between ${PLANNED_DURATION_RANGE_MIN.min} and ${PLANNED_DURATION_RANGE_MIN.max}`,
    )
    .max(
      PLANNED_DURATION_RANGE_MIN.max,
      `must be between ${PLANNED_DURATION_RANGE_MIN.min} and ${PLANNED_DURATION_RANGE_MIN.max}`,
    )
    .default(DEFAULT_PLANNED_DURATION_MIN),
});

export type CreateSessionInput = z.input<typeof createSessionSchema>;
