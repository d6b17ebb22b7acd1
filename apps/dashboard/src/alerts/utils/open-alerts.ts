import {
  ALERT_PRIORITIES,
  newerAlert,
  type Alert,
  type AlertPriority,
  type AlertState,
} from '@vigil/shared';

export type OpenAlerts = readonly Alert[];

/** Active or acknowledged: still on screen. A resolved alert is gone for good. */
export function isOpenAlert(alert: Alert): boolean {
  return alert.state !== 'resolved';
}

const STATE_RANK: Record<AlertState, number> = { active: 0, acknowledged: 1, resolved: 2 };

/** 0 for high, 2 for low: the order of ALERT_PRIORITIES. */
export function priorityRank(priority: AlertPriority): number {
  return ALERT_PRIORITIES.indexOf(priority);
}

/** `alert.raised` or `alert.updated` (or an acknowledge's answer) applied to the open set. */
export function applyAlertEvent(open: OpenAlerts, alert: Alert): OpenAlerts {
  const index = open.findIndex((held) => held.id === alert.id);
  const held = open[index];
  if (!isOpenAlert(alert)) {
    return held ? open.filter((other) => other.id !== alert.id) : open;
  }
  if (!held) return [...open, alert];
  // Every change bumps an alert's revision: a late copy (a replayed event, a slow answer) is older.
  const newer = newerAlert(held, alert);
  return newer === held ? open : open.with(index, newer);
}

/**
 * A resynchronisation: the server's open alerts replace what was held (a reconnect may have
 * missed a resolution), then the events that arrived while the request was in flight are
 * replayed on top, since the server may have read its state before they happened.
 */
export function replaceOpenAlerts(
  fetched: readonly Alert[],
  eventsDuringFetch: readonly Alert[] = [],
): OpenAlerts {
  const byId = new Map<string, Alert>();
  for (const alert of fetched) {
    if (!isOpenAlert(alert)) continue;
    // Two filtered requests may both hold an alert acknowledged between them.
    byId.set(alert.id, newerAlert(byId.get(alert.id), alert));
  }
  return eventsDuringFetch.reduce<OpenAlerts>(applyAlertEvent, [...byId.values()]);
}

/** The inbox's order: high first, then the oldest (waiting longest) first. */
export function compareByPriorityThenAge(a: Alert, b: Alert): number {
  return (
    priorityRank(a.priority) - priorityRank(b.priority) ||
    Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
    a.id.localeCompare(b.id)
  );
}

export function sortForInbox(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(compareByPriorityThenAge);
}

/**
 * The alarm a tile signals: the highest priority wins; at equal priority an unacknowledged one
 * before an acknowledged one, then the oldest. Undefined when the session has none open.
 */
export function signalledAlarm(alerts: readonly Alert[]): Alert | undefined {
  return [...alerts]
    .filter(isOpenAlert)
    .sort(
      (a, b) =>
        priorityRank(a.priority) - priorityRank(b.priority) ||
        STATE_RANK[a.state] - STATE_RANK[b.state] ||
        compareByPriorityThenAge(a, b),
    )[0];
}
