import { HIGH_DOSE_MG_PER_KG, PLANNED_DURATION_RANGE_MIN } from '@vigil/shared';

/**
 * The total a dose in mg/kg comes to for the patient's weight, to the tenth of a milligram as the
 * server stores it.
 */
export function totalDoseMg(doseMgPerKg: number, weightKg: number): number {
  return Math.round(doseMgPerKg * weightKg * 10) / 10;
}

/** `0.5`, `1.25`: a dose without trailing zeros. */
export function formatDose(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

/** Above 1 mg/kg the order needs the physician's reason. */
export function isHighDose(dose: number | undefined): boolean {
  return dose !== undefined && dose > HIGH_DOSE_MG_PER_KG;
}

/** Outside 40–60 minutes the order needs the physician's reason. */
export function isOutsideProtocol(minutes: number | undefined): boolean {
  return (
    minutes !== undefined &&
    (minutes < PLANNED_DURATION_RANGE_MIN.min || minutes > PLANNED_DURATION_RANGE_MIN.max)
  );
}
