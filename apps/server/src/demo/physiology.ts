import type { SessionState, VitalSampleInput } from '@vigil/shared';

export interface Baseline {
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
  respRate: number;
  /** This patient's peak haemodynamic response to ketamine, as a fraction (0.10–0.25). */
  peakRise: number;
}

export type Random = () => number;

const MIN = 60_000;
/** Ketamine's pressor response builds over the first 20–30 minutes of the infusion. */
const RISE_TIME_MS = 25 * MIN;
/** ...and wears off over the first half hour of recovery. */
const RECOVERY_DECAY_MS = 10 * MIN;

export function randomBaseline(random: Random): Baseline {
  const between = (low: number, high: number) => low + random() * (high - low);
  return {
    systolic: Math.round(between(112, 138)),
    diastolic: Math.round(between(68, 86)),
    heartRate: Math.round(between(62, 86)),
    spo2: Math.round(between(97, 99)),
    respRate: Math.round(between(12, 16)),
    peakRise: between(0.1, 0.25),
  };
}

/** Fraction of the patient's peak response at this point of the session (0 to 1). */
export function ketamineEffect(
  state: SessionState,
  infusionMs: number,
  recoveryMs: number,
): number {
  const atEnd = Math.min(1, infusionMs / RISE_TIME_MS);
  switch (state) {
    case 'infusing':
    case 'paused':
      return atEnd;
    case 'recovery':
      return atEnd * Math.exp(-recoveryMs / RECOVERY_DECAY_MS);
    case 'scheduled':
    case 'assessed':
    case 'discharged':
    case 'aborted':
      return 0;
  }
}

export interface SampleContext {
  baseline: Baseline;
  effect: number;
  at: number;
  seq: number;
  withBloodPressure: boolean;
  /** SpO2 reading during a probe artefact (finger movement), or null. */
  artefactSpo2: number | null;
}

function noisy(random: Random, value: number, spread: number): number {
  return value + (random() * 2 - 1) * spread;
}

export function simulateSample(context: SampleContext, random: Random): VitalSampleInput {
  const { baseline, effect } = context;
  const rise = 1 + baseline.peakRise * effect;
  const sample: VitalSampleInput = {
    seq: context.seq,
    at: new Date(context.at).toISOString(),
    heartRate: Math.round(noisy(random, baseline.heartRate * rise, 2)),
    spo2: context.artefactSpo2 ?? Math.min(100, Math.round(noisy(random, baseline.spo2, 0.6))),
    respRate: Math.round(noisy(random, baseline.respRate, 1)),
  };
  if (context.withBloodPressure) {
    sample.systolic = Math.round(noisy(random, baseline.systolic * rise, 3));
    sample.diastolic = Math.round(noisy(random, baseline.diastolic * rise, 2));
  }
  return sample;
}
