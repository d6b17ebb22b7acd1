import {
  thresholdProfileSchema,
  type ThresholdProfileInput,
  type ThresholdRule,
} from '@vigil/shared';
import { issuesToPathErrors, type FieldErrors } from '../../ui/forms/field-errors';

/** A rule as the form edits it: what the physician may change, as the inputs hold it (text). */
export interface RuleDraft {
  code: ThresholdRule['code'];
  sign: ThresholdRule['sign'];
  direction: ThresholdRule['direction'];
  inclusive: boolean;
  medium: string;
  high: string;
  delayS: string;
  clearS: string;
  relativeMedium: string;
  relativeHigh: string;
}

export interface ProfileDraft {
  name: string;
  rules: RuleDraft[];
  deepDesaturationSpo2: string;
  signalLossS: string;
  bpIntervalMin: string;
  bpGraceMin: string;
  bpAfterHighMin: string;
  reminderMin: string;
  escalationHighS: string;
  escalationMediumS: string;
  systolicMax: string;
  diastolicMax: string;
  spo2Min: string;
  recoveryMinimumMin: string;
}

/** The draft's plain numeric fields (everything but the name and the rules). */
export type ProfileNumberField = Exclude<keyof ProfileDraft, 'name' | 'rules'>;

/** Errors keyed by the schema's path, as the server names them: `rules.0.high`, `escalationS.high`. */
export type ProfileErrors = FieldErrors<string>;

export type ProfileDraftResult =
  { ok: true; profile: ThresholdProfileInput } | { ok: false; errors: ProfileErrors };

const text = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

export function draftFromProfile(profile: ThresholdProfileInput): ProfileDraft {
  return {
    name: profile.name,
    rules: profile.rules.map((rule) => ({
      code: rule.code,
      sign: rule.sign,
      direction: rule.direction,
      inclusive: rule.inclusive,
      medium: text(rule.medium),
      high: text(rule.high),
      delayS: text(rule.delayS),
      clearS: text(rule.clearS),
      relativeMedium: text(rule.baselineRelative?.medium),
      relativeHigh: text(rule.baselineRelative?.high),
    })),
    deepDesaturationSpo2: text(profile.deepDesaturationSpo2),
    signalLossS: text(profile.signalLossS),
    bpIntervalMin: text(profile.bpIntervalMin),
    bpGraceMin: text(profile.bpGraceMin),
    bpAfterHighMin: text(profile.bpAfterHighMin),
    reminderMin: text(profile.reminderMin),
    escalationHighS: text(profile.escalationS.high),
    escalationMediumS: text(profile.escalationS.medium),
    systolicMax: text(profile.contraindications.systolicMax),
    diastolicMax: text(profile.contraindications.diastolicMax),
    spo2Min: text(profile.contraindications.spo2Min),
    recoveryMinimumMin: text(profile.recoveryMinimumMin),
  };
}

/** Blank is "missing" (the schema says `is required`); anything else must read as a number. */
const number = (value: string): number | undefined =>
  value.trim() === '' ? undefined : Number(value.trim());

/** Blank is "no limit" for the nullable limits. */
const limit = (value: string): number | null => number(value) ?? null;

function baselineRelative(rule: RuleDraft): ThresholdRule['baselineRelative'] {
  const medium = number(rule.relativeMedium);
  const high = number(rule.relativeHigh);
  if (medium === undefined && high === undefined) return undefined;
  return {
    ...(medium !== undefined && { medium }),
    ...(high !== undefined && { high }),
  };
}

/** The draft as the schema reads it; what does not parse is left for the schema to name. */
function toCandidate(draft: ProfileDraft): unknown {
  return {
    name: draft.name,
    rules: draft.rules.map((rule) => {
      const relative = baselineRelative(rule);
      return {
        code: rule.code,
        sign: rule.sign,
        direction: rule.direction,
        inclusive: rule.inclusive,
        medium: limit(rule.medium),
        high: limit(rule.high),
        delayS: number(rule.delayS),
        clearS: number(rule.clearS),
        ...(relative && { baselineRelative: relative }),
      };
    }),
    deepDesaturationSpo2: number(draft.deepDesaturationSpo2),
    signalLossS: number(draft.signalLossS),
    bpIntervalMin: number(draft.bpIntervalMin),
    bpGraceMin: number(draft.bpGraceMin),
    bpAfterHighMin: number(draft.bpAfterHighMin),
    reminderMin: number(draft.reminderMin),
    escalationS: {
      high: number(draft.escalationHighS),
      medium: number(draft.escalationMediumS),
    },
    contraindications: {
      systolicMax: number(draft.systolicMax),
      diastolicMax: number(draft.diastolicMax),
      spo2Min: number(draft.spo2Min),
    },
    recoveryMinimumMin: number(draft.recoveryMinimumMin),
  };
}

/** Checks the draft with the shared `thresholdProfileSchema`, the one the server runs. */
export function parseProfileDraft(draft: ProfileDraft): ProfileDraftResult {
  const parsed = thresholdProfileSchema.safeParse(toCandidate(draft));
  if (!parsed.success) return { ok: false, errors: issuesToPathErrors(parsed.error.issues) };
  return { ok: true, profile: parsed.data };
}

/** Where each of the draft's plain fields sits in the schema, to find its error. */
export const NUMBER_FIELD_PATHS: Record<ProfileNumberField, string> = {
  deepDesaturationSpo2: 'deepDesaturationSpo2',
  signalLossS: 'signalLossS',
  bpIntervalMin: 'bpIntervalMin',
  bpGraceMin: 'bpGraceMin',
  bpAfterHighMin: 'bpAfterHighMin',
  reminderMin: 'reminderMin',
  escalationHighS: 'escalationS.high',
  escalationMediumS: 'escalationS.medium',
  systolicMax: 'contraindications.systolicMax',
  diastolicMax: 'contraindications.diastolicMax',
  spo2Min: 'contraindications.spo2Min',
  recoveryMinimumMin: 'recoveryMinimumMin',
};

/** The error of one rule's field: `rules.<index>.<field>`; a relative limit sits deeper. */
export function ruleError(
  errors: ProfileErrors,
  index: number,
  field: 'medium' | 'high' | 'delayS' | 'clearS' | 'relativeMedium' | 'relativeHigh',
): string | undefined {
  const path =
    field === 'relativeMedium'
      ? 'baselineRelative.medium'
      : field === 'relativeHigh'
        ? 'baselineRelative.high'
        : field;
  return errors[`rules.${index}.${path}`];
}
