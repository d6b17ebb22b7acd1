import type { AlertPriority, AlertState } from '@vigil/shared';

/** Upper case, as a monitor labels it: "HIGH". */
export function priorityLabel(priority: AlertPriority): string {
  return priority.toUpperCase();
}

export function alertStateLabel(state: AlertState): string {
  switch (state) {
    case 'active':
      return 'Active';
    case 'acknowledged':
      return 'Acknowledged';
    case 'resolved':
      return 'Resolved';
  }
}

export function escalationLabel(level: number): string | undefined {
  return level >= 1 ? 'Escalated to physicians' : undefined;
}

/** "HIGH: SpO2 86 < 90", with "(acknowledged)" once someone has. */
export function alarmSummary({
  priority,
  state,
  message,
}: {
  priority: AlertPriority;
  state: AlertState;
  message: string;
}): string {
  const acknowledged = state === 'acknowledged' ? ' (acknowledged)' : '';
  return `${priorityLabel(priority)}: ${message}${acknowledged}`;
}
