import { z } from 'zod';
import type { AlertCode, AlertPriority } from './alert.types';
import type { VitalSign } from '../vitals/vital-ranges';
import {
  DEFAULT_CONTRAINDICATION_LIMITS,
  type ContraindicationLimits,
} from '../sessions/contraindications';
import { DEFAULT_RECOVERY_MINIMUM_MIN } from '../sessions/discharge-criteria';
import { VITAL_RANGES } from '../vitals/vital-ranges';
import { expecting, formatPath } from '../validation/format-issues';

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
  /**
   * No SpO2, or no heart rate, for this long (wall time) while infusing, paused or in recovery:
   * SIGNAL_LOSS, naming the sign.
   */
  signalLossS: number;
  /**
   * Blood pressure expected every this many minutes, plus the grace, while infusing, paused or in
   * recovery: BP_OVERDUE (medium).
   */
  bpIntervalMin: number;
  bpGraceMin: number;
  /** After a reading at or over a medium blood-pressure limit, the next is due this much sooner. */
  bpAfterHighMin: number;
  /** An acknowledged alert whose condition persists reminds again after this long. */
  reminderMin: number;
  /** Unacknowledged alerts escalate to the supervising physician after this long, by priority. */
  escalationS: Record<Exclude<AlertPriority, 'low'>, number>;
  /**
   * Still unacknowledged this much longer, to the charge nurse and every clinician on duty.
   * Profiles stored before it existed take `DEFAULT_SECOND_ESCALATION_S`.
   */
  secondEscalationS?: Record<Exclude<AlertPriority, 'low'>, number>;
  /** What the pre-infusion assessment flags. */
  contraindications: ContraindicationLimits;
  /** Recovery shorter than this (minutes) holds the discharge. */
  recoveryMinimumMin: number;
}

/** The contract's interval for the next blood pressure after one at or over a medium limit. */
const DEFAULT_BP_AFTER_HIGH_MIN = 5;

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
  bpAfterHighMin: DEFAULT_BP_AFTER_HIGH_MIN,
  reminderMin: 5,
  escalationS: { high: 60, medium: 180 },
  contraindications: DEFAULT_CONTRAINDICATION_LIMITS,
  recoveryMinimumMin: DEFAULT_RECOVERY_MINIMUM_MIN,
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

/** The SpO2 high limit no profile may set lower (contract: Alerts, safety floors). */
export const SPO2_HIGH_FLOOR = 85;
/** The deep-desaturation bypass no profile may set lower. */
export const DEEP_DESATURATION_FLOOR = 80;
/** No rule may wait longer than this before it raises. */
export const MAX_DELAY_S = 30;
/** Blood pressure and heart rate rules wait no longer than this (contract: default rules). */
export const MAX_PRESSURE_AND_HEART_RATE_DELAY_S = 15;

/** The safety floors, each a stable name that refusals and the dashboard carry. */
export const SAFETY_FLOORS = [
  'SPO2_RULE_KEPT',
  'SIGN_KEEPS_RULE',
  'RULE_MATCHES_CODE',
  'HIGH_LIMIT_KEPT',
  'HIGH_LIMIT_REACHABLE',
  'SPO2_HIGH_MINIMUM',
  'DEEP_DESATURATION_MINIMUM',
  'DELAY_MAXIMUM',
  'PRESSURE_AND_HEART_RATE_DELAY_MAXIMUM',
] as const;
export type SafetyFloor = (typeof SAFETY_FLOORS)[number];

/** One floor a profile breaks: the field, the floor, and a sentence naming both. */
export interface SafetyFloorBreach {
  path: Array<string | number>;
  floor: SafetyFloor;
  message: string;
}

/** What the floors look at; the rest of a profile cannot make an alarm go quiet. */
export type GovernedLimits = Pick<ThresholdProfile, 'rules' | 'deepDesaturationSpo2'>;

const RULE_OF_CODE: ReadonlyMap<PhysiologicalCode, ThresholdRule> = new Map(
  DEFAULT_THRESHOLD_PROFILE.rules.map((rule) => [rule.code, rule]),
);
const GOVERNED_SIGNS = [...new Set(DEFAULT_THRESHOLD_PROFILE.rules.map((rule) => rule.sign))];
const PRESSURE_AND_HEART_RATE: ReadonlySet<VitalSign> = new Set([
  'systolic',
  'diastolic',
  'heartRate',
]);

/** Whether a reading the sign can take (VITAL_RANGES) can break this limit at all. */
function reachable(rule: ThresholdRule, limit: number): boolean {
  const range = VITAL_RANGES[rule.sign];
  if (rule.direction === 'below') return limit > range.min;
  return rule.inclusive ? limit <= range.max : limit < range.max;
}

function ruleBreaches(rule: ThresholdRule, index: number): SafetyFloorBreach[] {
  const at = (field: string) => ['rules', index, field];
  const breaches: SafetyFloorBreach[] = [];
  const expected = RULE_OF_CODE.get(rule.code);
  if (expected && (expected.sign !== rule.sign || expected.direction !== rule.direction)) {
    breaches.push({
      path: ['rules', index],
      floor: 'RULE_MATCHES_CODE',
      message: `must watch ${VITAL_RANGES[expected.sign].label} ${expected.direction === 'below' ? 'falling below' : 'rising above'} its limits, as ${rule.code} does (safety floor)`,
    });
  }
  if (rule.high === null) {
    breaches.push({
      path: at('high'),
      floor: 'HIGH_LIMIT_KEPT',
      message: 'must be set: every sign keeps a high limit (safety floor)',
    });
  } else if (!reachable(rule, rule.high)) {
    const range = VITAL_RANGES[rule.sign];
    breaches.push({
      path: at('high'),
      floor: 'HIGH_LIMIT_REACHABLE',
      message: `must lie within what ${range.label} can measure (${range.min}–${range.max} ${range.unit}) so it can still alarm (safety floor)`,
    });
  }
  if (rule.code === 'SPO2_LOW' && rule.high !== null && rule.high < SPO2_HIGH_FLOOR) {
    breaches.push({
      path: at('high'),
      floor: 'SPO2_HIGH_MINIMUM',
      message: `must be at least ${SPO2_HIGH_FLOOR}: the SpO2 high limit (safety floor)`,
    });
  }
  if (rule.delayS > MAX_DELAY_S) {
    breaches.push({
      path: at('delayS'),
      floor: 'DELAY_MAXIMUM',
      message: `must be at most ${MAX_DELAY_S} s (safety floor)`,
    });
  } else if (
    PRESSURE_AND_HEART_RATE.has(rule.sign) &&
    rule.delayS > MAX_PRESSURE_AND_HEART_RATE_DELAY_S
  ) {
    breaches.push({
      path: at('delayS'),
      floor: 'PRESSURE_AND_HEART_RATE_DELAY_MAXIMUM',
      message: `must be at most ${MAX_PRESSURE_AND_HEART_RATE_DELAY_S} s for blood pressure and heart rate (safety floor)`,
    });
  }
  return breaches;
}

/**
 * Every safety floor a profile breaks (contract: Alerts), none when it may be used: the SpO2 rule
 * and its deep-desaturation bypass stay (SpO2 high limit ≥ 85, bypass ≥ 80), no delay over 30 s
 * (15 s for blood pressure and heart rate), every sign keeps a rule with a high limit a reading
 * can break, and each rule watches the sign its code names, so no edit can quieten an alarm.
 */
export function safetyFloorBreaches(limits: GovernedLimits): SafetyFloorBreach[] {
  const breaches = limits.rules.flatMap(ruleBreaches);
  if (!limits.rules.some((rule) => rule.code === 'SPO2_LOW')) {
    breaches.push({
      path: ['rules'],
      floor: 'SPO2_RULE_KEPT',
      message: 'must keep the SpO2 rule (SPO2_LOW) (safety floor)',
    });
  }
  for (const sign of GOVERNED_SIGNS) {
    if (sign === 'spo2' || limits.rules.some((rule) => rule.sign === sign)) continue;
    breaches.push({
      path: ['rules'],
      floor: 'SIGN_KEEPS_RULE',
      message: `must keep a rule for ${VITAL_RANGES[sign].label}: every sign keeps a high limit (safety floor)`,
    });
  }
  if (limits.deepDesaturationSpo2 < DEEP_DESATURATION_FLOOR) {
    breaches.push({
      path: ['deepDesaturationSpo2'],
      floor: 'DEEP_DESATURATION_MINIMUM',
      message: `must be at least ${DEEP_DESATURATION_FLOOR}: the deep-desaturation bypass (safety floor)`,
    });
  }
  return breaches;
}

/** A zod issue that a safety floor raised carries the floor here, so a refusal can name it. */
interface SafetyFloorParams {
  safetyFloor: SafetyFloor;
}

/** The floors a failed parse broke, each with its field as a person reads it (`rules[0].high`). */
export function brokenSafetyFloors(
  error: z.ZodError,
): Array<{ field: string; floor: SafetyFloor }> {
  return error.issues.flatMap((issue) => {
    const floor =
      issue.code === 'custom'
        ? (issue.params as Partial<SafetyFloorParams> | undefined)?.safetyFloor
        : undefined;
    return floor ? [{ field: formatPath(issue.path), floor }] : [];
  });
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
    delayS: z
      .number({ error: expecting('must be a number of seconds') })
      .min(0, 'must not be negative'),
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
  });

/**
 * What a physician may set, for a profile or for one session; the id comes from the URL. The
 * safety floors are part of it, so the dashboard's form refuses what the server refuses.
 */
export const thresholdProfileSchema = z
  .strictObject({
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
      .number({ error: expecting('must be a number') })
      .max(94, 'must be at most 94'),
    signalLossS: seconds(300).refine((value) => value >= 5, 'must be at least 5'),
    bpIntervalMin: z
      .number()
      .min(1, 'must be between 1 and 30')
      .max(30, 'must be between 1 and 30'),
    bpGraceMin: z.number().min(0, 'must be between 0 and 15').max(15, 'must be between 0 and 15'),
    bpAfterHighMin: z
      .number({ error: expecting('must be a number of minutes between 1 and 15') })
      .min(1, 'must be between 1 and 15')
      .max(15, 'must be between 1 and 15')
      .default(DEFAULT_BP_AFTER_HIGH_MIN),
    reminderMin: z.number().min(1, 'must be between 1 and 60').max(60, 'must be between 1 and 60'),
    escalationS: z.strictObject({ high: seconds(600), medium: seconds(1800) }),
    secondEscalationS: z.strictObject({ high: seconds(600), medium: seconds(1800) }).optional(),
    contraindications: z.strictObject({
      systolicMax: z.number().min(100).max(250),
      diastolicMax: z.number().min(60).max(150),
      spo2Min: z.number().min(80).max(100),
    }),
    recoveryMinimumMin: z
      .number({ error: expecting('must be a number of minutes between 0 and 240') })
      .min(0, 'must be between 0 and 240')
      .max(240, 'must be between 0 and 240')
      .default(DEFAULT_RECOVERY_MINIMUM_MIN),
  })
  .superRefine((profile, ctx) => {
    for (const breach of safetyFloorBreaches(profile)) {
      const params: SafetyFloorParams = { safetyFloor: breach.floor };
      ctx.addIssue({ code: 'custom', path: breach.path, message: breach.message, params });
    }
  });
export type ThresholdProfileInput = z.infer<typeof thresholdProfileSchema>;
