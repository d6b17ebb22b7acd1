import { z } from 'zod';
import type { AlertCode, AlertPriority } from './alert.types';
import type { VitalSign } from '../vitals/vital-ranges';
import {
  DEFAULT_CONTRAINDICATION_LIMITS,
  type ContraindicationLimits,
} from '../sessions/contraindications';
import { expecting } from '../validation/format-issues';

export type PhysiologicalCode = Extract<
  AlertCode,
  'SPO2_LOW' | 'SYSTOLIC_HIGH' | 'DIASTOLIC_HIGH' | 'SYSTOLIC_LOW' | 'HR_HIGH' | 'HR_LOW' | 'RR_LOW'
>;

export interface ThresholdRule {
  code: PhysiologicalCode;
  sign: Exclude<VitalSign, 'etco2'>;
  /** `below`: the value is bad under the limit (strictly); `above`: at or over it, or over it. */
  direction: 'below' | 'above';
  /** For `above`: whether the limit itself is already bad (≥) or only values over it (>). */
  inclusive: boolean;
  medium: number | null;
  high: number | null;
  /** The condition must hold this long, on the samples' own times, before an alert is raised. */
  delayS: number;
  /** The condition must be absent this long before the alert resolves. */
  clearS: number;
  /**
   * Optional limits relative to the session's baseline, as a fraction (0.3: baseline + 30 % for
   * `above`, baseline − 30 % for `below`); the stricter of this and the absolute limit applies.
   */
  baselineRelative?: { medium?: number; high?: number };
}

export interface ThresholdProfile {
  id: string;
  name: string;
  rules: ThresholdRule[];
  /** SpO2 below this raises at once, bypassing the delay. */
  deepDesaturationSpo2: number;
  /** No SpO2 or heart rate for this long while infusing: SIGNAL_LOSS (wall time). */
  signalLossS: number;
  /** Blood pressure expected every this many minutes, plus the grace, while infusing or in recovery. */
  bpIntervalMin: number;
  bpGraceMin: number;
  /** An acknowledged alert whose condition persists reminds again after this long. */
  reminderMin: number;
  /** Unacknowledged alerts escalate to physicians after this long, by priority. */
  escalationS: Record<Exclude<AlertPriority, 'low'>, number>;
  /** What the pre-infusion assessment flags. */
  contraindications: ContraindicationLimits;
}

/**
 * The contract's defaults. Blood pressure and heart rate delays stay at or under 15 s; SpO2
 * waits 10 s so a moving finger does not page, except below 85 %. Sources: docs/alert-defaults.md.
 */
export const DEFAULT_THRESHOLD_PROFILE: ThresholdProfile = {
  id: 'default',
  name: 'Default (ketamine infusion)',
  rules: [
    {
      code: 'SPO2_LOW',
      sign: 'spo2',
      direction: 'below',
      inclusive: false,
      medium: 94,
      high: 90,
      delayS: 10,
      clearS: 10,
    },
    {
      code: 'SYSTOLIC_HIGH',
      sign: 'systolic',
      direction: 'above',
      inclusive: true,
      medium: 160,
      high: 180,
      delayS: 0,
      clearS: 0,
    },
    {
      code: 'DIASTOLIC_HIGH',
      sign: 'diastolic',
      direction: 'above',
      inclusive: true,
      medium: 100,
      high: 110,
      delayS: 0,
      clearS: 0,
    },
    {
      code: 'SYSTOLIC_LOW',
      sign: 'systolic',
      direction: 'below',
      inclusive: false,
      medium: 90,
      high: 80,
      delayS: 0,
      clearS: 0,
    },
    {
      code: 'HR_HIGH',
      sign: 'heartRate',
      direction: 'above',
      inclusive: false,
      medium: 110,
      high: 130,
      delayS: 15,
      clearS: 10,
    },
    {
      code: 'HR_LOW',
      sign: 'heartRate',
      direction: 'below',
      inclusive: false,
      medium: 50,
      high: 40,
      delayS: 15,
      clearS: 10,
    },
    {
      code: 'RR_LOW',
      sign: 'respRate',
      direction: 'below',
      inclusive: false,
      medium: 10,
      high: 8,
      delayS: 15,
      clearS: 10,
    },
  ],
  deepDesaturationSpo2: 85,
  signalLossS: 30,
  bpIntervalMin: 10,
  bpGraceMin: 2,
  reminderMin: 5,
  escalationS: { high: 60, medium: 180 },
  contraindications: DEFAULT_CONTRAINDICATION_LIMITS,
};

/** A rule with its baseline-relative limits folded in, for one patient. */
export function effectiveRule(
  rule: ThresholdRule,
  baseline: Partial<Record<VitalSign, number>> | null,
): ThresholdRule {
  const base = baseline?.[rule.sign];
  if (!rule.baselineRelative || base === undefined) return rule;
  const relative = (fraction: number | undefined) =>
    fraction === undefined
      ? null
      : rule.direction === 'above'
        ? base * (1 + fraction)
        : base * (1 - fraction);
  const stricter = (absolute: number | null, fraction: number | undefined): number | null => {
    const candidate = relative(fraction);
    if (candidate === null) return absolute;
    if (absolute === null) return Math.round(candidate);
    return Math.round(
      rule.direction === 'above' ? Math.min(absolute, candidate) : Math.max(absolute, candidate),
    );
  };
  return {
    ...rule,
    medium: stricter(rule.medium, rule.baselineRelative.medium),
    high: stricter(rule.high, rule.baselineRelative.high),
  };
}

const seconds = (max: number) =>
  z
    .number({ error: expecting(`must be a number of seconds between 0 and ${max}`) })
    .min(0, `must be between 0 and ${max}`)
    .max(max, `must be between 0 and ${max}`);
const limit = z.number({ error: expecting('must be a number or null') }).nullable();
const fraction = z
  .number()
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1')
  .optional();

const PHYSIOLOGICAL_CODES = [
  'SPO2_LOW',
  'SYSTOLIC_HIGH',
  'DIASTOLIC_HIGH',
  'SYSTOLIC_LOW',
  'HR_HIGH',
  'HR_LOW',
  'RR_LOW',
] as const;

const ruleSchema = z
  .strictObject({
    code: z.enum(PHYSIOLOGICAL_CODES, {
      error: expecting(`must be one of ${PHYSIOLOGICAL_CODES.join(', ')}`),
    }),
    sign: z.enum(['systolic', 'diastolic', 'heartRate', 'spo2', 'respRate']),
    direction: z.enum(['below', 'above']),
    inclusive: z.boolean(),
    medium: limit,
    high: limit,
    delayS: seconds(300),
    clearS: seconds(600),
    baselineRelative: z.strictObject({ medium: fraction, high: fraction }).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.medium === null || rule.high === null) return;
    const ordered =
      rule.direction === 'above' ? rule.high >= rule.medium : rule.high <= rule.medium;
    if (!ordered) {
      ctx.addIssue({
        code: 'custom',
        path: ['high'],
        message: `must be ${rule.direction === 'above' ? 'at or above' : 'at or below'} medium (${rule.medium})`,
      });
    }
    if (
      (rule.code === 'HR_HIGH' ||
        rule.code.startsWith('SYSTOLIC') ||
        rule.code.startsWith('DIASTOLIC') ||
        rule.code === 'HR_LOW') &&
      rule.delayS > 15
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['delayS'],
        message: 'must be at most 15 s for blood pressure and heart rate',
      });
    }
  });

/** What an admin may set; the id comes from the URL. */
export const thresholdProfileSchema = z.strictObject({
  name: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(120, 'must be at most 120 characters'),
  rules: z
    .array(ruleSchema)
    .min(1, 'must contain at least one rule')
    .refine(
      (rules) => new Set(rules.map((rule) => rule.code)).size === rules.length,
      'must not repeat a code',
    ),
  deepDesaturationSpo2: z
    .number()
    .min(50, 'must be between 50 and 94')
    .max(94, 'must be between 50 and 94'),
  signalLossS: seconds(300).refine((value) => value >= 5, 'must be at least 5'),
  bpIntervalMin: z.number().min(1, 'must be between 1 and 30').max(30, 'must be between 1 and 30'),
  bpGraceMin: z.number().min(0, 'must be between 0 and 15').max(15, 'must be between 0 and 15'),
  reminderMin: z.number().min(1, 'must be between 1 and 60').max(60, 'must be between 1 and 60'),
  escalationS: z.strictObject({ high: seconds(600), medium: seconds(1800) }),
  contraindications: z.strictObject({
    systolicMax: z.number().min(100).max(250),
    diastolicMax: z.number().min(60).max(150),
    spo2Min: z.number().min(80).max(100),
  }),
});
export type ThresholdProfileInput = z.infer<typeof thresholdProfileSchema>;
