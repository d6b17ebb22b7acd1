import type { SignalSign } from './alert-message';
import { classify } from './alert-rules';
import { effectiveRule, type ThresholdProfile } from './threshold-profile';
import type { VitalSign } from '../vitals/vital-ranges';

/** When each continuous sign last arrived (wall time, ms), or null if it never has. */
export type SignalReceipts = Record<SignalSign, number | null>;

/**
 * The continuous signs silent for longer than the limit, and the longest silence among them.
 * Silence counts from `since` (the start of the infusion, or of this server's watch) for a sign
 * never received since.
 */
export function silentSigns(
  receipts: SignalReceipts,
  since: number,
  now: number,
  limitS: number,
): { signs: SignalSign[]; silentS: number } {
  const silence = (['spo2', 'heartRate'] as const).map((sign) => ({
    sign,
    seconds: (now - Math.max(since, receipts[sign] ?? since)) / 1000,
  }));
  const silent = silence.filter(({ seconds }) => seconds > limitS);
  return {
    signs: silent.map(({ sign }) => sign),
    silentS: Math.max(0, ...silent.map(({ seconds }) => seconds)),
  };
}

export interface PressureReading {
  systolic: number | null;
  diastolic: number | null;
}

/**
 * How long after the last blood pressure the next one is overdue: the profile's interval plus
 * grace, or the shorter after-high interval when that reading broke a medium limit or worse of a
 * blood-pressure rule (high or low, with the session's baseline-relative limits): a pressure worth
 * an alarm deserves a sooner look.
 */
export function bloodPressureDueS(
  profile: ThresholdProfile,
  last: PressureReading | null,
  baseline: Partial<Record<VitalSign, number>> | null,
): number {
  const usual = (profile.bpIntervalMin + profile.bpGraceMin) * 60;
  if (!last) return usual;
  const broken = profile.rules.some((rule) => {
    if (rule.sign !== 'systolic' && rule.sign !== 'diastolic') return false;
    const value = last[rule.sign];
    return value !== null && classify(effectiveRule(rule, baseline), value) !== null;
  });
  return broken ? Math.min(usual, profile.bpAfterHighMin * 60) : usual;
}
