import type { LatestVitals } from '../vitals/vital-sample.types';
import { ALDRETE_DISCHARGE_MIN, type Baseline, type DischargeInput } from './clinical.schema';

/** Vital signs back within this fraction of the pre-infusion baseline. */
export const DISCHARGE_BASELINE_TOLERANCE = 0.2;

const COMPARED: Array<keyof Pick<Baseline, 'systolic' | 'diastolic' | 'heartRate' | 'spo2'>> = [
  'systolic',
  'diastolic',
  'heartRate',
  'spo2',
];

export interface DischargeContext {
  baseline: Baseline | null;
  latest: LatestVitals;
  unresolvedHighAlerts: number;
}

/** Every unmet discharge criterion, in words; an empty list means the patient may go home. */
export function unmetDischargeCriteria(input: DischargeInput, context: DischargeContext): string[] {
  const unmet: string[] = [];
  if (input.aldreteScore < ALDRETE_DISCHARGE_MIN) {
    unmet.push(`modified Aldrete score ${input.aldreteScore} < ${ALDRETE_DISCHARGE_MIN}`);
  }
  if (!context.baseline) {
    unmet.push('no baseline vitals to compare with');
  } else {
    for (const sign of COMPARED) {
      const reading = context.latest[sign];
      const base = context.baseline[sign];
      if (!reading) {
        unmet.push(`no ${sign} reading since the infusion`);
      } else if (Math.abs(reading.value - base) > base * DISCHARGE_BASELINE_TOLERANCE) {
        unmet.push(`${sign} ${reading.value} is not within 20 % of baseline ${base}`);
      }
    }
  }
  if (context.unresolvedHighAlerts > 0) {
    unmet.push(`${context.unresolvedHighAlerts} high-priority alert(s) not resolved`);
  }
  if (!input.escortPresent) unmet.push('no escort present');
  return unmet;
}
