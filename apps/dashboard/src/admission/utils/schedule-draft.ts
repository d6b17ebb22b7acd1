import {
  DEFAULT_CONCENTRATION_MG_PER_ML,
  DEFAULT_PLANNED_DURATION_MIN,
  type CreateSessionInput,
  type Indication,
} from '@vigil/shared';
import { isHighDose, isOutsideProtocol } from '../../session/utils/order-dose';
import { optionalText, parseNumberField } from '../../session/utils/parse-number';

/** The schedule form as typed: every field text, as the inputs hold it. */
export interface ScheduleDraft {
  /** `YYYY-MM-DDTHH:mm` in the browser's zone, as a datetime-local input holds it. */
  scheduledAt: string;
  bay: string;
  indication: Indication | '';
  doseMgPerKg: string;
  plannedDurationMin: string;
  concentrationMgPerMl: string;
  highDoseReason: string;
  durationOverrideReason: string;
  supervisingPhysicianId: string;
  assignedNurseId: string;
  /** Blank: the ward's default profile. */
  thresholdProfileId: string;
}

/** The usual protocol: 0.5 mg/kg over 40 minutes. */
const PROTOCOL_DOSE_MG_PER_KG = '0.5';

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** A moment as a datetime-local input shows it, in the browser's zone, to the minute. */
export function localDateTimeInput(epochMs: number): string {
  const at = new Date(epochMs);
  return `${at.getFullYear()}-${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())}T${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
}

/** A datetime-local input's text as an instant; text that names no time stays for the schema to refuse. */
export function scheduledInstant(localText: string): string {
  const at = new Date(localText.trim());
  return Number.isNaN(at.getTime()) ? localText : at.toISOString();
}

export function initialScheduleDraft(bay: string, nowMs: number): ScheduleDraft {
  return {
    scheduledAt: localDateTimeInput(nowMs),
    bay,
    indication: '',
    doseMgPerKg: PROTOCOL_DOSE_MG_PER_KG,
    plannedDurationMin: String(DEFAULT_PLANNED_DURATION_MIN),
    concentrationMgPerMl: String(DEFAULT_CONCENTRATION_MG_PER_ML),
    highDoseReason: '',
    durationOverrideReason: '',
    supervisingPhysicianId: '',
    assignedNurseId: '',
    thresholdProfileId: '',
  };
}

/**
 * What the shared create-session schema reads from the draft: typed numbers as numbers, blanks as
 * "not given", and a reason only where the dose or duration needs one, so none is put on record
 * for what no longer asks for it.
 */
export function scheduleInput(
  draft: ScheduleDraft,
  patientId: string,
): Record<keyof CreateSessionInput, unknown> {
  const dose = parseNumberField(draft.doseMgPerKg);
  const minutes = parseNumberField(draft.plannedDurationMin);
  const scheduledAt = optionalText(draft.scheduledAt);
  return {
    patientId,
    bay: draft.bay,
    indication: draft.indication === '' ? undefined : draft.indication,
    doseMgPerKg: dose,
    plannedDurationMin: minutes,
    concentrationMgPerMl: parseNumberField(draft.concentrationMgPerMl),
    highDoseReason: isHighDose(dose) ? optionalText(draft.highDoseReason) : undefined,
    durationOverrideReason: isOutsideProtocol(minutes)
      ? optionalText(draft.durationOverrideReason)
      : undefined,
    scheduledAt: scheduledAt && scheduledInstant(scheduledAt),
    supervisingPhysicianId: optionalText(draft.supervisingPhysicianId),
    assignedNurseId: optionalText(draft.assignedNurseId),
    thresholdProfileId: optionalText(draft.thresholdProfileId),
  };
}
