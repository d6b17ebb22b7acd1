import {
  type Alert,
  type AlertPriority,
  limitSideOfAlertCode,
  signOfAlertCode,
  type VitalSign,
} from '@vigil/shared';

/** A value past its limit: the priority of its open alert and the side of the limit it is on. */
export interface LimitMark {
  priority: AlertPriority;
  side: 'above' | 'below';
}

export type LimitMarks = Partial<Record<VitalSign, LimitMark>>;

const RANK: Record<AlertPriority, number> = { low: 0, medium: 1, high: 2 };

/**
 * The signs a session's open physiological alerts are about, each with its highest priority: the
 * tile draws those values in the alarm's colour. Technical and clinical alerts name no value.
 */
export function limitMarks(alerts: readonly Alert[]): LimitMarks {
  const marks: LimitMarks = {};
  for (const alert of alerts) {
    if (alert.state === 'resolved') continue;
    const sign = signOfAlertCode(alert.code);
    const side = limitSideOfAlertCode(alert.code);
    if (!sign || !side) continue;
    const known = marks[sign];
    if (!known || RANK[alert.priority] > RANK[known.priority]) {
      marks[sign] = { priority: alert.priority, side };
    }
  }
  return marks;
}
