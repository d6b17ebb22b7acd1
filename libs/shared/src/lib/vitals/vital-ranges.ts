/** The measurements a bedside monitor may report, in the units the contract fixes. */
export const VITAL_SIGNS = [
  'systolic',
  'diastolic',
  'heartRate',
  'spo2',
  'respRate',
  'etco2',
] as const;

export type VitalSign = (typeof VITAL_SIGNS)[number];

export interface VitalRange {
  min: number;
  max: number;
  unit: string;
  label: string;
}

/**
 * Plausible physiological limits, not alarm limits: a value outside them is a device or
 * transcription fault and is refused rather than stored.
 */
export const VITAL_RANGES: Record<VitalSign, VitalRange> = {
  systolic: { min: 40, max: 300, unit: 'mmHg', label: 'Systolic' },
  diastolic: { min: 20, max: 200, unit: 'mmHg', label: 'Diastolic' },
  heartRate: { min: 20, max: 300, unit: 'bpm', label: 'Heart rate' },
  spo2: { min: 0, max: 100, unit: '%', label: 'SpO2' },
  respRate: { min: 0, max: 80, unit: '/min', label: 'Resp. rate' },
  etco2: { min: 0, max: 150, unit: 'mmHg', label: 'EtCO2' },
};

export const MAX_SAMPLES_PER_BATCH = 500;

/** Device clocks drift; beyond this a timestamp is treated as wrong, not early. */
export const MAX_FUTURE_SKEW_MS = 5_000;
