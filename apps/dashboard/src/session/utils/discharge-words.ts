import {
  ALDRETE_ITEMS,
  DISCHARGE_BASELINE_TOLERANCE,
  KETAMINE_BEFORE_RECORD,
  KETAMINE_NONE_DRAWN,
  type AldreteItem,
  type DischargeCriterion,
} from '@vigil/shared';
import { assertNever } from '../../ui/utils/assert-never';

const TOLERANCE_PERCENT = Math.round(DISCHARGE_BASELINE_TOLERANCE * 100);

const ALDRETE_ITEM_LABELS: Record<AldreteItem, string> = {
  activity: 'Activity',
  respiration: 'Respiration',
  circulation: 'Circulation',
  consciousness: 'Consciousness',
  oxygenSaturation: 'Oxygen saturation',
};

/** The modified Aldrete items in the scale's order, with the words a nurse scores them by. */
export const ALDRETE_ITEM_FIELDS = ALDRETE_ITEMS.map((item) => ({
  item,
  label: ALDRETE_ITEM_LABELS[item],
}));

const found = (criterion: DischargeCriterion): string =>
  criterion.value === undefined ? 'none' : String(criterion.value);

/** A level judged on the latest reading, or that there is none recent enough to judge. */
const level = (sign: string, criterion: DischargeCriterion, unit = ''): string =>
  criterion.value === undefined
    ? `${sign}: no recent reading`
    : `${sign} ${criterion.value}${unit}`;

function ketamineSentence(criterion: DischargeCriterion): string {
  if (criterion.value === KETAMINE_BEFORE_RECORD) {
    return 'Ketamine record: none kept (session started before the controlled-substance record)';
  }
  if (criterion.value === KETAMINE_NONE_DRAWN) {
    return criterion.met
      ? 'Ketamine record: nothing drawn, nothing given'
      : 'Ketamine given but no draw recorded (record the draw, and the waste witnessed)';
  }
  return criterion.met
    ? 'Ketamine drawn, given and wasted: balanced'
    : `Ketamine unaccounted for: ${found(criterion)} (record the waste, witnessed)`;
}

/** One discharge criterion as a clinical sentence: what was found against what it must reach. */
export function dischargeCriterionSentence(criterion: DischargeCriterion): string {
  const { code, pending, value, limit } = criterion;
  switch (code) {
    case 'ALDRETE_TOTAL':
      return pending
        ? `Modified Aldrete: score all five items (needs ≥ ${limit})`
        : `Modified Aldrete ${value} (needs ≥ ${limit})`;
    case 'MOAAS':
      return pending
        ? `MOAA/S: not scored yet (needs ${limit})`
        : `MOAA/S ${value} (needs ${limit})`;
    case 'RECOVERY_TIME':
      return `Recovery ${value ?? 0} of ${limit} min`;
    case 'RECENT_SPO2':
      return `SpO2 reading in the last ${limit}`;
    case 'RECENT_BLOOD_PRESSURE':
      return `Blood pressure reading in the last ${limit}`;
    case 'RECENT_HEART_RATE':
      return `Heart-rate reading in the last ${limit}`;
    case 'SPO2_LEVEL':
      return `${level('SpO2', criterion, ' %')} (needs ≥ ${limit})`;
    case 'BLOOD_PRESSURE_BASELINE':
      return limit === undefined
        ? `${level('Blood pressure', criterion)}: no baseline to compare with`
        : `${level('Blood pressure', criterion)} (within ${TOLERANCE_PERCENT} % of baseline ${limit})`;
    case 'HEART_RATE_BASELINE':
      return limit === undefined
        ? `${level('Heart rate', criterion)}: no baseline to compare with`
        : `${level('Heart rate', criterion)} (within ${TOLERANCE_PERCENT} % of baseline ${limit})`;
    case 'OPEN_ALERTS':
      return value === 0 || value === undefined
        ? 'No open alert'
        : `${value} open ${value === 1 ? 'alert' : 'alerts'} (acknowledge and resolve first)`;
    case 'ESCORT':
      return criterion.met ? `Escort: ${value}` : 'Escort home: name the person';
    case 'KETAMINE_BALANCE':
      return ketamineSentence(criterion);
    default:
      return assertNever(code);
  }
}
