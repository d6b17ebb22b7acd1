import { z } from 'zod';
import { SEVERITIES, SIDE_EFFECT_CODES } from '../observations/side-effects';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';
import { VITAL_RANGES, type VitalSign } from '../vitals/vital-ranges';
import { screeningSchema, type Screening } from './screening.schema';
import type { SessionAction } from './session-state';

function vital(sign: VitalSign) {
  const { min, max } = VITAL_RANGES[sign];
  const rule = `must be between ${min} and ${max}`;
  return z
    .number({ error: expecting(`must be a number between ${min} and ${max}`) })
    .min(min, rule)
    .max(max, rule);
}

const flag = z.boolean({ error: expecting('must be true or false') });
const reason = z
  .string({ error: expecting('must be a string') })
  .trim()
  .min(3, 'must say why (at least 3 characters)')
  .max(1000, 'must be at most 1000 characters');
const optionalTime = isoDateTime().optional();

export const PREGNANCY_TEST_RESULTS = ['negative', 'positive', 'not-applicable'] as const;

export const assessmentSchema = z.strictObject({
  baseline: z
    .strictObject({
      systolic: vital('systolic'),
      diastolic: vital('diastolic'),
      heartRate: vital('heartRate'),
      spo2: vital('spo2'),
      respRate: vital('respRate').optional(),
    })
    .refine((baseline) => baseline.diastolic < baseline.systolic, {
      path: ['diastolic'],
      message: 'must be below systolic',
    }),
  checklist: z.strictObject({
    consent: flag,
    fasting: flag,
    escortHome: flag,
    psychiatricEvaluation: flag,
    medicationsReviewed: flag,
    pregnancyTest: z.enum(PREGNANCY_TEST_RESULTS, {
      error: expecting(`must be one of ${PREGNANCY_TEST_RESULTS.join(', ')}`),
    }),
  }),
  screening: screeningSchema,
});
export type AssessmentInput = z.infer<typeof assessmentSchema>;
export type Baseline = AssessmentInput['baseline'];
export type Checklist = AssessmentInput['checklist'];

export const reasonSchema = z.strictObject({ reason });
export type ReasonInput = z.infer<typeof reasonSchema>;

/** A stop needs a reason only before the planned duration; the server judges which. */
export const stopSchema = z.strictObject({ reason: reason.optional() }).default({});
export type StopInput = z.infer<typeof stopSchema>;

/**
 * A physician's decision to start despite contraindications: a clinical sentence, and the flags
 * it covers (omitted, every flag present).
 */
export const overrideSchema = z.strictObject({
  reason: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(10, 'must give the clinical reason (at least 10 characters)')
    .max(1000, 'must be at most 1000 characters'),
  flags: z
    .array(z.string().trim().min(1).max(64), { error: expecting('must be a list of flag codes') })
    .min(1, 'must name at least one flag')
    .max(20)
    .optional(),
});
export type OverrideInput = z.infer<typeof overrideSchema>;

/** Modified Aldrete score (activity, respiration, circulation, consciousness, SpO2; 0–2 each). */
export const ALDRETE_ITEMS = [
  'activity',
  'respiration',
  'circulation',
  'consciousness',
  'oxygenSaturation',
] as const;
export type AldreteItem = (typeof ALDRETE_ITEMS)[number];
export const ALDRETE_DISCHARGE_MIN = 9;
/** MOAA/S: only a patient who answers readily to their name in a normal tone (5) goes home. */
export const MOAAS_DISCHARGE_MIN = 5;

const aldreteItem = z
  .number({ error: expecting('must be 0, 1 or 2') })
  .int('must be 0, 1 or 2')
  .min(0, 'must be 0, 1 or 2')
  .max(2, 'must be 0, 1 or 2');

export const dischargeSchema = z.strictObject({
  aldrete: z.strictObject({
    activity: aldreteItem,
    respiration: aldreteItem,
    circulation: aldreteItem,
    consciousness: aldreteItem,
    oxygenSaturation: aldreteItem,
  }),
  moaas: z
    .number({ error: expecting('must be a whole number between 0 and 5') })
    .int('must be a whole number between 0 and 5')
    .min(0, 'must be a whole number between 0 and 5')
    .max(5, 'must be a whole number between 0 and 5'),
  escort: z.strictObject({
    name: z
      .string({ error: expecting('must be a string') })
      .trim()
      .min(1, 'must name the person taking the patient home')
      .max(200, 'must be at most 200 characters'),
    phone: z.string().trim().max(50, 'must be at most 50 characters').optional(),
  }),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});
export type DischargeInput = z.infer<typeof dischargeSchema>;

/** The validated ranges of the scales clinics record during ketamine sessions. */
export const SCALE_RANGES = {
  /** Clinician-Administered Dissociative States Scale: 23 items scored 0–4. */
  cadss: { min: 0, max: 92 },
  /** Its 6-item short form (CADSS-6), each item 0–4: quick enough for every recovery check. */
  cadss6: { min: 0, max: 24 },
  /** Modified Observer's Assessment of Alertness/Sedation: 5 awake … 0 no response. */
  moaas: { min: 0, max: 5 },
  /** Richmond Agitation-Sedation Scale: +4 combative … −5 unarousable. */
  rass: { min: -5, max: 4 },
} as const;

function scale(name: keyof typeof SCALE_RANGES) {
  const { min, max } = SCALE_RANGES[name];
  const rule = `must be a whole number between ${min} and ${max}`;
  return z
    .number({ error: expecting(rule) })
    .int(rule)
    .min(min, rule)
    .max(max, rule)
    .optional();
}

export const observationSchema = z.strictObject({
  type: z.enum(SIDE_EFFECT_CODES, {
    error: expecting(`must be one of ${SIDE_EFFECT_CODES.join(', ')}`),
  }),
  severity: z.enum(SEVERITIES, { error: expecting(`must be one of ${SEVERITIES.join(', ')}`) }),
  at: optionalTime,
  note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  scores: z
    .strictObject({
      cadss: scale('cadss'),
      cadss6: scale('cadss6'),
      moaas: scale('moaas'),
      rass: scale('rass'),
    })
    .optional(),
});
export type ObservationInput = z.infer<typeof observationSchema>;

export const INTERVENTION_KINDS = ['rate-change', 'medication', 'note'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const interventionSchema = z.strictObject({
  kind: z.enum(INTERVENTION_KINDS, {
    error: expecting(`must be one of ${INTERVENTION_KINDS.join(', ')}`),
  }),
  detail: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(2000, 'must be at most 2000 characters'),
  at: optionalTime,
});
export type InterventionInput = z.infer<typeof interventionSchema>;

export interface ContraindicationFlag {
  code: string;
  message: string;
  /** No override can clear it (no consent, a positive pregnancy test). */
  absolute?: boolean;
}

export interface Assessment {
  baseline: Baseline;
  checklist: Checklist;
  /** Absent from assessments recorded before the structured screening. */
  screening?: Screening;
  flags: ContraindicationFlag[];
  assessedAt: string;
  assessedBy: string;
}

export interface Override {
  reason: string;
  by: string;
  at: string;
  /** The contraindication codes this decision covers (a duration override names none). */
  flags?: string[];
}

export interface Observation extends ObservationInput {
  id: string;
  sessionId: string;
  at: string;
  recordedBy: string;
}

export interface Intervention extends InterventionInput {
  id: string;
  sessionId: string;
  at: string;
  recordedBy: string;
}

export type TimelineKind =
  | 'state'
  | 'assessment'
  | 'override'
  | 'observation'
  | 'intervention'
  | 'alert'
  /** The pump's events and the controlled-substance record. */
  | 'administration';

export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  /** Who did it, as the audit trail keeps it: a username, `system:…` or `device:…`. */
  actor: string;
  /** A user's display name, for people to read; absent for Vigil itself and devices. */
  actorName?: string;
  summary: string;
  detail: Record<string, unknown>;
}

export type { SessionAction };
