import {
  OUTCOME_INSTRUMENTS,
  OUTCOME_PHASES,
  type CourseInfusion,
  type OutcomeInstrument,
} from '@vigil/shared';
import { sideEffectLabel } from '../../session/utils/clinical-labels';
import { sessionStateLabel } from '../../ward/utils/session-labels';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';

/** One row of the side-by-side comparison: what it shows, and a cell per infusion. */
export interface CourseRow {
  label: string;
  cells: string[];
}

const NONE = '—';
const shown = (value: number | null) => (value === null ? NONE : String(value));

/**
 * `pre 14 · post 6`: each phase recorded, in the order they happen; the latest score of a phase
 * when it was recorded twice (a correction).
 */
export function outcomeCell(infusion: CourseInfusion, instrument: OutcomeInstrument): string {
  const scores = OUTCOME_PHASES.flatMap((phase) => {
    const recorded = infusion.outcomes.filter(
      (outcome) => outcome.instrument === instrument && outcome.phase === phase,
    );
    const latest = recorded.reduce<(typeof recorded)[number] | undefined>(
      (newest, outcome) => (newest && newest.at > outcome.at ? newest : outcome),
      undefined,
    );
    return latest ? [`${phase} ${latest.score}`] : [];
  });
  return scores.length > 0 ? scores.join(' · ') : NONE;
}

/** The instruments recorded anywhere in the course: a row each, and none for those never used. */
export function recordedInstruments(infusions: readonly CourseInfusion[]): OutcomeInstrument[] {
  return OUTCOME_INSTRUMENTS.filter((instrument) =>
    infusions.some((infusion) =>
      infusion.outcomes.some((outcome) => outcome.instrument === instrument),
    ),
  );
}

/** The comparison's rows, infusion by infusion in the course's order. */
export function courseRows(infusions: readonly CourseInfusion[]): CourseRow[] {
  const row = (label: string, cell: (infusion: CourseInfusion) => string): CourseRow => ({
    label,
    cells: infusions.map(cell),
  });
  return [
    row('Date', (infusion) => formatLocalDateTime(infusion.date).slice(0, 16)),
    row('State', (infusion) => sessionStateLabel(infusion.state)),
    row('Dose', (infusion) => `${infusion.doseMgPerKg} mg/kg`),
    row(
      'Delivered',
      (infusion) =>
        `${infusion.deliveredMg} mg${infusion.deliveredSource === 'planned-rate' ? ' (estimated from the planned rate)' : ''}`,
    ),
    row(
      'Peak blood pressure',
      (infusion) => `${shown(infusion.peakSystolic)}/${shown(infusion.peakDiastolic)} mmHg`,
    ),
    row('Peak heart rate', (infusion) => `${shown(infusion.peakHeartRate)} bpm`),
    row('Lowest SpO2', (infusion) => `${shown(infusion.minSpo2)} %`),
    row(
      'Alarms',
      ({ alerts }) => `${alerts.high} high · ${alerts.medium} medium · ${alerts.low} low`,
    ),
    row('Side effects', (infusion) =>
      infusion.sideEffects.length > 0
        ? infusion.sideEffects.map(sideEffectLabel).join(', ')
        : 'none',
    ),
    row('Highest CADSS', (infusion) => shown(infusion.maxCadss)),
    row('Highest CADSS-6', (infusion) => shown(infusion.maxCadss6)),
    row('Lowest MOAA/S', (infusion) => shown(infusion.minMoaas)),
    ...recordedInstruments(infusions).map((instrument) =>
      row(instrument, (infusion) => outcomeCell(infusion, instrument)),
    ),
  ];
}
