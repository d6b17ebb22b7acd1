import { z } from 'zod';
import { plainText } from '../validation/plain-text';
import type { Alert, AlertCode } from './alert.types';

/** A probe change takes a minute or two; a suspend never lasts longer than this. */
export const ALARM_SUSPEND_MAX_S = 120;

/**
 * The alarms a pulse-oximeter probe change sets off: the monitor's silence, the cuff's overdue
 * reading (the cuff is usually moved with the probe), and the SpO2 and heart-rate readings of a
 * probe half on. Every other sign is the patient's, not the probe's.
 */
export const SUSPEND_COVERED_CODES: ReadonlySet<AlertCode> = new Set([
  'SIGNAL_LOSS',
  'BP_OVERDUE',
  'SPO2_LOW',
  'HR_HIGH',
  'HR_LOW',
]);

/** One chair's alarms suspended for a probe change, until `endsAt`. */
export interface AlarmSuspend {
  bay: string;
  /** The session in the chair when it began: a later patient in the chair is never covered. */
  sessionId: string;
  reason: string;
  startedBy: string;
  startedAt: string;
  endsAt: string;
}

/** `alarm-suspend.changed`: the chair's suspend began (`suspend`), or ended (null). */
export interface AlarmSuspendChanged {
  bay: string;
  suspend: AlarmSuspend | null;
}

/** `POST /bays/:bay/alarm-suspend`. */
export const alarmSuspendSchema = z.strictObject({
  reason: plainText(
    z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters'),
  ),
  /** Shorter than the longest suspend if the nurse asks; never longer. */
  seconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(10, 'must be at least 10 seconds')
    .max(ALARM_SUSPEND_MAX_S, `must be at most ${ALARM_SUSPEND_MAX_S} seconds`)
    .optional(),
});
export type AlarmSuspendInput = z.infer<typeof alarmSuspendSchema>;

type SuspendFacts = Pick<Alert, 'sessionId' | 'bay' | 'code' | 'priority'>;

/**
 * Whether a suspend of the alert's chair may keep it quiet: a probe-change alarm below high
 * priority. A high alarm is never the probe's to hide.
 */
export function coveredBySuspend(alert: Pick<Alert, 'code' | 'priority'>): boolean {
  return SUSPEND_COVERED_CODES.has(alert.code) && alert.priority !== 'high';
}

function ofSuspendedChair(suspend: AlarmSuspend, alert: SuspendFacts): boolean {
  return alert.bay === suspend.bay && alert.sessionId === suspend.sessionId;
}

/**
 * Whether the alert ends the suspend at once: an alarm of that chair it does not cover (a high
 * alarm, an alarm of another sign, a clinical alert) that is sounding, or that was raised since
 * the suspend began (even if acknowledged or cleared since: it ended the suspend when it came).
 */
export function endsSuspend(
  suspend: AlarmSuspend,
  alert: SuspendFacts & Pick<Alert, 'state' | 'raisedAt'>,
): boolean {
  if (!ofSuspendedChair(suspend, alert) || coveredBySuspend(alert)) return false;
  return alert.state === 'active' || Date.parse(alert.raisedAt) >= Date.parse(suspend.startedAt);
}

/**
 * The suspend as in force at `now`, judged on the alerts known of its chair: null once its time
 * is up or once an alarm has ended it.
 */
export function suspendInForce(
  suspend: AlarmSuspend | null | undefined,
  alerts: ReadonlyArray<SuspendFacts & Pick<Alert, 'state' | 'raisedAt'>>,
  now: number,
): AlarmSuspend | null {
  if (!suspend || now >= Date.parse(suspend.endsAt)) return null;
  return alerts.some((alert) => endsSuspend(suspend, alert)) ? null : suspend;
}

/**
 * Whether the alert stays quiet now (no sound, no routing, no escalation): its chair's suspend
 * is in force (as `suspendInForce` judged it) and covers it. Another chair is never covered.
 */
export function silencedBySuspend(
  suspend: AlarmSuspend | null | undefined,
  alert: SuspendFacts,
  now: number,
): boolean {
  return (
    !!suspend &&
    now < Date.parse(suspend.endsAt) &&
    ofSuspendedChair(suspend, alert) &&
    coveredBySuspend(alert)
  );
}

/** Whole seconds left, for "1:32 left". */
export function suspendSecondsLeft(suspend: AlarmSuspend, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(suspend.endsAt) - now) / 1000));
}
