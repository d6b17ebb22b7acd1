import type { AlertCode, AlertResolvedReason } from '../alerts/alert.types';

/** An alert's code as a clinician says it: the timeline, the exports and every screen. */
export const ALERT_CODE_WORDS: Readonly<Record<AlertCode, string>> = {
  SPO2_LOW: 'SpO2 low',
  SYSTOLIC_HIGH: 'Systolic high',
  DIASTOLIC_HIGH: 'Diastolic high',
  SYSTOLIC_LOW: 'Systolic low',
  HR_HIGH: 'Heart rate high',
  HR_LOW: 'Heart rate low',
  RR_LOW: 'Resp. rate low',
  SIGNAL_LOSS: 'Monitor signal lost',
  BP_OVERDUE: 'Blood pressure overdue',
  SIDE_EFFECT_SEVERE: 'Severe side effect',
  SUICIDE_RISK: 'Suicide risk',
};

/** Why an alert closed, as the record reads it. */
export const ALERT_RESOLVED_REASON_WORDS: Readonly<Record<AlertResolvedReason, string>> = {
  cleared: 'the condition cleared',
  acknowledged: 'acknowledged with nothing left to show',
  'session-ended': 'the session ended',
};

/**
 * The words of a code read back from a stored record, which may hold a code this release no
 * longer knows: that one is shown as it was stored rather than not at all.
 */
export function alertCodeWords(code: string): string {
  return wordsOrCode(ALERT_CODE_WORDS, code);
}

export function wordsOrCode(words: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(words, code) ? (words[code] as string) : code;
}
