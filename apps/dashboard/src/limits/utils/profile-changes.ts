import type { ThresholdProfileInput, ThresholdRule } from '@vigil/shared';
import { ruleLabel } from './rule-labels';

type Value = number | string | null | undefined;

const show = (value: Value): string =>
  value === null || value === undefined
    ? 'none'
    : typeof value === 'string'
      ? `“${value}”`
      : String(value);

const RULE_FIELDS: Array<[label: string, read: (rule: ThresholdRule) => Value]> = [
  ['medium limit', (rule) => rule.medium],
  ['high limit', (rule) => rule.high],
  ['delay (s)', (rule) => rule.delayS],
  ['clear time (s)', (rule) => rule.clearS],
  ['baseline-relative medium', (rule) => rule.baselineRelative?.medium],
  ['baseline-relative high', (rule) => rule.baselineRelative?.high],
];

const PROFILE_FIELDS: Array<[label: string, read: (profile: ThresholdProfileInput) => Value]> = [
  ['Name', (profile) => profile.name],
  ['Deep desaturation, SpO2 below', (profile) => profile.deepDesaturationSpo2],
  ['Signal loss after (s)', (profile) => profile.signalLossS],
  ['Blood pressure every (min)', (profile) => profile.bpIntervalMin],
  ['Blood pressure grace (min)', (profile) => profile.bpGraceMin],
  ['Blood pressure after a high reading every (min)', (profile) => profile.bpAfterHighMin],
  ['Reminder after (min)', (profile) => profile.reminderMin],
  ['Escalate high after (s)', (profile) => profile.escalationS.high],
  ['Escalate medium after (s)', (profile) => profile.escalationS.medium],
  ['Contraindication: systolic from', (profile) => profile.contraindications.systolicMax],
  ['Contraindication: diastolic from', (profile) => profile.contraindications.diastolicMax],
  ['Contraindication: SpO2 below', (profile) => profile.contraindications.spo2Min],
  ['Recovery at least (min)', (profile) => profile.recoveryMinimumMin],
];

/**
 * Every difference between the saved profile and the edited one, one line each
 * (`SpO2 low — medium limit: 94 → 92`), for the physician to confirm before saving.
 */
export function describeProfileChanges(
  before: ThresholdProfileInput,
  after: ThresholdProfileInput,
): string[] {
  const changes: string[] = [];
  for (const [label, read] of PROFILE_FIELDS) {
    if (read(before) !== read(after))
      changes.push(`${label}: ${show(read(before))} → ${show(read(after))}`);
  }
  for (const rule of after.rules) {
    const saved = before.rules.find((candidate) => candidate.code === rule.code);
    if (!saved) {
      changes.push(`${ruleLabel(rule.code)}: new rule`);
      continue;
    }
    for (const [label, read] of RULE_FIELDS) {
      if (read(saved) !== read(rule)) {
        changes.push(
          `${ruleLabel(rule.code)} — ${label}: ${show(read(saved))} → ${show(read(rule))}`,
        );
      }
    }
  }
  for (const rule of before.rules) {
    if (!after.rules.some((candidate) => candidate.code === rule.code)) {
      changes.push(`${ruleLabel(rule.code)}: removed`);
    }
  }
  return changes;
}
