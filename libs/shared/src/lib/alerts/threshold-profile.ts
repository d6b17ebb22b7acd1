import type { AlertCode, AlertPriority } from './alert.types';
import type { VitalSign } from '../vitals/vital-ranges';

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
};
