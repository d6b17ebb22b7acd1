import { z } from 'zod';
import {
  CONCENTRATION_RANGE_MG_PER_ML,
  DEFAULT_CONCENTRATION_MG_PER_ML,
} from '../administration/infusion-plan';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';
import { plainText } from '../validation/plain-text';
import { INDICATIONS } from './session.types';

export const DEFAULT_PLANNED_DURATION_MIN = 40;
export const PLANNED_DURATION_RANGE_MIN = { min: 40, max: 60 } as const;
/** The widest a physician's override may set. */
export const OVERRIDE_DURATION_RANGE_MIN = { min: 20, max: 120 } as const;
/** The usual protocol gives 0.5 mg/kg; above this a physician must say why. */
export const HIGH_DOSE_MG_PER_KG = 1;
const concentrationRule = `must be between ${CONCENTRATION_RANGE_MG_PER_ML.min} and ${CONCENTRATION_RANGE_MG_PER_ML.max} mg/mL`;
const durationRule = `must be between ${OVERRIDE_DURATION_RANGE_MIN.min} and ${OVERRIDE_DURATION_RANGE_MIN.max}`;

const clinicalReason = z
  .string({ error: expecting('must be a string') })
  .trim()
  .min(10, 'must give the clinical reason (at least 10 characters)')
  .max(1000, 'must be at most 1000 characters');

/** The physician's order: how much ketamine, over how long, and why when outside the protocol. */
const orderFields = {
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
  /** The strength the dose is made up to; the pump rate in mL/h follows from it. */
  concentrationMgPerMl: z
    .number({ error: expecting(concentrationRule) })
    .min(CONCENTRATION_RANGE_MG_PER_ML.min, concentrationRule)
    .max(CONCENTRATION_RANGE_MG_PER_ML.max, concentrationRule)
    .default(DEFAULT_CONCENTRATION_MG_PER_ML),
  /** Why the dose exceeds 1 mg/kg. */
  highDoseReason: clinicalReason.optional(),
  /** A physician's reason for a planned duration outside 40–60 minutes. */
  durationOverrideReason: z
    .string()
    .trim()
    .min(3, 'must say why (at least 3 characters)')
    .max(1000)
    .optional(),
};

interface OrderFields {
  doseMgPerKg: number;
  plannedDurationMin: number;
  highDoseReason?: string;
  durationOverrideReason?: string;
}

/** The order's own rules, for the session's creation and for the physician's signature alike. */
function checkOrder(input: OrderFields, ctx: z.RefinementCtx): void {
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
  if (input.doseMgPerKg > HIGH_DOSE_MG_PER_KG && !input.highDoseReason) {
    ctx.addIssue({
      code: 'custom',
      path: ['highDoseReason'],
      message: `must give the clinical reason for a dose above ${HIGH_DOSE_MG_PER_KG} mg/kg`,
    });
  }
}

const bay = plainText(
  z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(32, 'must be at most 32 characters'),
);

export const createSessionSchema = z
  .strictObject({
    patientId: z.uuid({ error: expecting('must be a patient id (UUID)') }),
    bay,
    indication: z.enum(INDICATIONS, {
      error: expecting(`must be one of ${INDICATIONS.join(', ')}`),
    }),
    ...orderFields,
    thresholdProfileId: z
      .string({ error: expecting('must be a threshold profile id') })
      .regex(/^[a-z0-9-]{1,64}$/, 'must be a threshold profile id')
      .optional(),
    /** When the patient is expected in the chair; the day's list is ordered by it. */
    scheduledAt: isoDateTime().optional(),
    assignedNurseId: z.uuid({ error: expecting('must be a user id (UUID)') }).optional(),
    supervisingPhysicianId: z.uuid({ error: expecting('must be a user id (UUID)') }).optional(),
  })
  .superRefine(checkOrder);

export type CreateSessionInput = z.input<typeof createSessionSchema>;
export type CreateSession = z.output<typeof createSessionSchema>;

/** `POST /sessions/:id/order`: a physician signs the dose (and may change it) before the start. */
export const orderSchema = z.strictObject(orderFields).superRefine(checkOrder);
export type OrderInput = z.input<typeof orderSchema>;
export type Order = z.output<typeof orderSchema>;

/** The signed order a session carries; a session a nurse scheduled has none until it is signed. */
export interface SessionOrder {
  doseMgPerKg: number;
  plannedDurationMin: number;
  /** mg/mL; orders signed before it was asked for were made up at the default strength. */
  concentrationMgPerMl?: number;
  highDoseReason?: string;
  /** The physician's username, as the audit trail names them. */
  signedBy: string;
  /** The physician's name as they signed, for screens; orders signed before it was kept lack it. */
  signedByName?: string;
  signedAt: string;
}

/** `PUT /sessions/:id/bay`: a scheduled session moved to another chair. */
export const moveBaySchema = z.strictObject({ bay });
export type MoveBayInput = z.infer<typeof moveBaySchema>;
