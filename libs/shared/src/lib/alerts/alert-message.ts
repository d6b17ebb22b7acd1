import type { AlertCode } from './alert.types';
import type { PhysiologicalCode } from './threshold-profile';

const CONDITIONS: Record<PhysiologicalCode, { label: string; relation: '<' | '>' | '≥' }> = {
  SPO2_LOW: { label: 'SpO2', relation: '<' },
  SYSTOLIC_HIGH: { label: 'Systolic', relation: '≥' },
  DIASTOLIC_HIGH: { label: 'Diastolic', relation: '≥' },
  SYSTOLIC_LOW: { label: 'Systolic', relation: '<' },
  HR_HIGH: { label: 'HR', relation: '>' },
  HR_LOW: { label: 'HR', relation: '<' },
  RR_LOW: { label: 'RR', relation: '<' },
};

/** Whether a higher or a lower value of the code's sign is the worse one. */
export function worseIsLower(code: PhysiologicalCode): boolean {
  return CONDITIONS[code].relation === '<';
}

/** The worse of two values of the code's sign. */
export function worseValue(code: PhysiologicalCode, a: number, b: number): number {
  return worseIsLower(code) ? Math.min(a, b) : Math.max(a, b);
}

function breaks(code: PhysiologicalCode, value: number, threshold: number): boolean {
  const { relation } = CONDITIONS[code];
  if (relation === '<') return value < threshold;
  return relation === '≥' ? value >= threshold : value > threshold;
}

/**
 * What a person reads at a glance about a physiological alert: the value now and the limit it
 * breaks, and the worst value since the raise when that was worse (`SpO2 78 < 90, lowest 72`).
 * A value back within the limit while the alert is still open (latched, or waiting for its clear
 * time) leads with the worst: `SpO2 lowest 72 < 90, now 95`.
 */
export function alertMessage(
  code: PhysiologicalCode,
  current: number,
  threshold: number,
  worst: number = current,
): string {
  const { label, relation } = CONDITIONS[code];
  const extreme = worseIsLower(code) ? 'lowest' : 'highest';
  if (!breaks(code, current, threshold))
    return `${label} ${extreme} ${worst} ${relation} ${threshold}, now ${current}`;
  const head = `${label} ${current} ${relation} ${threshold}`;
  return worst === current ? head : `${head}, ${extreme} ${worst}`;
}

/** Seconds as people say them: seconds under two minutes, whole minutes after. */
export function spokenDuration(seconds: number): string {
  return seconds < 120 ? `${Math.floor(seconds)} s` : `${Math.floor(seconds / 60)} min`;
}

/**
 * The silence as the message shows it: to 10 s under two minutes, to the minute after, so the
 * message moves on without a write every second.
 */
export function shownSilence(seconds: number): number {
  return seconds < 120 ? Math.floor(seconds / 10) * 10 : Math.floor(seconds / 60) * 60;
}

export type SignalSign = 'spo2' | 'heartRate';

const SIGNAL_LABELS: Record<SignalSign, string> = { spo2: 'SpO2', heartRate: 'heart-rate' };

/** `No SpO2 signal for 12 min (limit 30 s)`: which sign fell silent, and for how long. */
export function signalLossMessage(
  silent: readonly SignalSign[],
  silentS: number,
  limitS: number,
): string {
  const signs = silent.map((sign) => SIGNAL_LABELS[sign]).join(' or ');
  return `No ${signs} signal for ${spokenDuration(silentS)} (limit ${spokenDuration(limitS)})`;
}

/** `Blood pressure overdue: none for 14 min (due every 12 min)`. */
export function bpOverdueMessage(overdueS: number, limitS: number): string {
  return `Blood pressure overdue: none for ${spokenDuration(overdueS)} (due every ${spokenDuration(limitS)})`;
}

/**
 * A severe event as the alert names it, with how many severe events the open alert stands for:
 * `Severe side effect: agitation — pulling at line`, then
 * `2 severe side effects, newest: vomiting — twice in 5 min`; a positive C-SSRS screen
 * (`SUICIDE_RISK`) is named as such.
 */
export function clinicalAlertMessage(
  event: string,
  count = 1,
  code: AlertCode = 'SIDE_EFFECT_SEVERE',
): string {
  if (code === 'SUICIDE_RISK') {
    return count > 1
      ? `${count} positive suicide screens, newest: ${event}`
      : `Positive suicide screen: ${event}`;
  }
  return count > 1
    ? `${count} severe side effects, newest: ${event}`
    : `Severe side effect: ${event}`;
}
