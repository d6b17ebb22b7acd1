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
