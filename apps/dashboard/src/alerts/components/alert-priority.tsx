import type { AlertPriority, AlertState } from '@vigil/shared';
import { priorityLabel } from '../utils/alert-labels';
import { AlarmIcon } from './alarm-icon';
import './alarm.css';

interface AlertPriorityBadgeProps {
  priority: AlertPriority;
  state: AlertState;
}

/** Icon and word on the IEC colour; flashes while nobody has acknowledged it. */
export function AlertPriorityBadge({ priority, state }: AlertPriorityBadgeProps) {
  return (
    <span className="alarm-signal" data-priority={priority} data-alarm-state={state}>
      <AlarmIcon priority={priority} />
      {priorityLabel(priority)}
    </span>
  );
}
