import { silencedBySuspend, suspendInForce, type AlarmSuspend, type Alert } from '@vigil/shared';
import { type AudiblePriority, isAudiblePriority } from './alarm-signal';

/** Something the ward sounds now: an alert nobody has acknowledged, or a technical alarm. */
export interface SoundingCondition {
  id: string;
  priority: AudiblePriority;
}

/**
 * IEC 60601-1-8 treats a distributed alarm system that lost its communication as a technical
 * alarm condition: a screen that cannot hear the server cannot hear a chair's alarm either.
 * Medium, like the banner that says so: it asks for a prompt response, and a high alarm of a
 * chair this screen still knows of keeps sounding over it.
 */
export const CONNECTION_LOST: SoundingCondition = {
  id: 'technical:connection-lost',
  priority: 'medium',
};

export interface TechnicalConditions {
  /** No connection to the server for longer than CONNECTION_ALARM_AFTER_MS. */
  connectionLost: boolean;
}

const NO_TECHNICAL_ALARM: TechnicalConditions = { connectionLost: false };

/**
 * What calls for sound: the unacknowledged alerts of a priority the ward sounds (an acknowledged
 * alarm stays on screen but is silent; low priority is shown only, which IEC allows) but for those
 * a chair's probe-change suspend covers while it is in force, and the screen's own technical
 * alarms.
 */
export function soundingConditions(
  alerts: readonly Alert[],
  { connectionLost }: TechnicalConditions = NO_TECHNICAL_ALARM,
  suspends: readonly AlarmSuspend[] = [],
  now = Date.now(),
): SoundingCondition[] {
  const inForce = new Map(
    suspends.map((suspend) => [suspend.bay, suspendInForce(suspend, alerts, now)]),
  );
  const conditions: SoundingCondition[] = [];
  for (const alert of alerts) {
    if (
      alert.state === 'active' &&
      isAudiblePriority(alert.priority) &&
      !silencedBySuspend(inForce.get(alert.bay), alert, now)
    ) {
      conditions.push({ id: alert.id, priority: alert.priority });
    }
  }
  if (connectionLost) conditions.push(CONNECTION_LOST);
  return conditions;
}

const AUDIBLE_ORDER: readonly AudiblePriority[] = ['high', 'medium'];

/** What the ward must sound: the highest priority among the conditions sounding. */
export function audiblePriority(conditions: readonly SoundingCondition[]): AudiblePriority | null {
  return (
    AUDIBLE_ORDER.find((priority) =>
      conditions.some((condition) => condition.priority === priority),
    ) ?? null
  );
}
