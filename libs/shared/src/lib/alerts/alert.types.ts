export const ALERT_KINDS = ['physiological', 'technical', 'clinical'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** IEC 60601-1-8 alarm priorities. */
export const ALERT_PRIORITIES = ['high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export const ALERT_STATES = ['active', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * Why an alert closed: its condition cleared (for the rule's clear time, or a device's data came
 * back), it was acknowledged with nothing left to show (a latched alert whose condition had
 * cleared, a clinical alert), or its session ended (discharge, abort) and took its alerts along.
 */
export const ALERT_RESOLVED_REASONS = ['cleared', 'acknowledged', 'session-ended'] as const;
export type AlertResolvedReason = (typeof ALERT_RESOLVED_REASONS)[number];

export const ALERT_CODES = [
  'SPO2_LOW',
  'SYSTOLIC_HIGH',
  'DIASTOLIC_HIGH',
  'SYSTOLIC_LOW',
  'HR_HIGH',
  'HR_LOW',
  'RR_LOW',
  'SIGNAL_LOSS',
  'BP_OVERDUE',
  'SIDE_EFFECT_SEVERE',
  'SUICIDE_RISK',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export interface Alert {
  id: string;
  sessionId: string;
  bay: string;
  kind: AlertKind;
  code: AlertCode;
  priority: AlertPriority;
  state: AlertState;
  message: string;
  value: number | null;
  threshold: number | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Where it was acknowledged (a screen's name, "phone"), when the screen said. */
  acknowledgedFrom?: string | null;
  resolvedAt: string | null;
  /** Set with resolvedAt; null while the alert is open. */
  resolvedReason: AlertResolvedReason | null;
  escalationLevel: number;
  /**
   * When the server last reminded of this acknowledged alert because its condition persists
   * (every reminder time of the profile); null until the first reminder. It only moves forward,
   * so a newer value is a new reminder.
   */
  remindedAt: string | null;
  /** Bumped by every change: of two copies, the one with the higher revision is current. */
  revision: number;
}
