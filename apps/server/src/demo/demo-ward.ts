import type { Indication } from '@vigil/shared';

export interface DemoChair {
  bay: string;
  patient: { mrn: string; displayName: string; weightKg: number };
  indication: Indication;
  /** Where the chair is when the demo starts, so that the ward shows every phase at once. */
  opening: { state: 'assessed' | 'infusing' | 'recovery'; minutesAgo: number };
  /** Its monitor sends through an HL7 v2 gateway over MLLP (when VIGIL_MLLP_PORT is set). */
  viaHl7?: true;
}

/** Fictional patients: the demo never holds real patient data. */
export const DEMO_WARD: DemoChair[] = [
  {
    bay: '1',
    patient: { mrn: 'DEMO-0001', displayName: 'Alex Rivera', weightKg: 72 },
    indication: 'alcohol-use-disorder',
    opening: { state: 'infusing', minutesAgo: 3 },
  },
  {
    bay: '2',
    patient: { mrn: 'DEMO-0002', displayName: 'Sam Okafor', weightKg: 84 },
    indication: 'depression',
    opening: { state: 'infusing', minutesAgo: 14 },
    viaHl7: true,
  },
  {
    bay: '3',
    patient: { mrn: 'DEMO-0003', displayName: 'Jordan Lee', weightKg: 65 },
    indication: 'opioid-use-disorder',
    opening: { state: 'infusing', minutesAgo: 27 },
  },
  {
    bay: '4',
    patient: { mrn: 'DEMO-0004', displayName: 'Maria Santos', weightKg: 58 },
    indication: 'cocaine-use-disorder',
    opening: { state: 'infusing', minutesAgo: 36 },
  },
  {
    bay: '5',
    patient: { mrn: 'DEMO-0005', displayName: 'Chris Novak', weightKg: 91 },
    indication: 'depression',
    opening: { state: 'recovery', minutesAgo: 50 },
  },
  {
    bay: '6',
    patient: { mrn: 'DEMO-0006', displayName: 'Robin Hale', weightKg: 77 },
    indication: 'stimulant-use-disorder',
    opening: { state: 'assessed', minutesAgo: 0 },
  },
];

export const DEMO_DOSE_MG_PER_KG = 0.5;

/** The demo's vials are drawn in 10 mg steps, at least 5 mg above the order. */
const DEMO_DRAW_STEP_MG = 10;
/** Enough that a stop a few ticks late never gives more than was drawn. */
const DEMO_DRAW_SPARE_MG = 5;
export const DEMO_KETAMINE_LOT = 'DEMO-LOT-1';
/** The demo physician (seeded in demo mode) witnesses each waste with their own password. */
export const DEMO_WITNESS_USERNAME = 'physician';

/** What is drawn for an order: whole steps, with room to spare, so some is always wasted. */
export function ketamineToDraw(totalDoseMg: number): number {
  return Math.ceil((totalDoseMg + DEMO_DRAW_SPARE_MG) / DEMO_DRAW_STEP_MG) * DEMO_DRAW_STEP_MG;
}
export const DEMO_PLANNED_DURATION_MIN = 40;
/** Minutes a demo patient stays in recovery before discharge frees the chair. */
export const DEMO_RECOVERY_MIN = 30;
/** Minutes an assessed demo patient waits before the infusion starts. */
export const DEMO_START_DELAY_MIN = 2;
