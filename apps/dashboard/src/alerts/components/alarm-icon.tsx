import type { AlertPriority } from '@vigil/shared';

/** A different shape per priority, so the alarm reads without its colour: ▲ high, ◆ medium, ● low. */
const SHAPES: Record<AlertPriority, string> = {
  high: 'M12 2 L23 21 H1 Z',
  medium: 'M12 1 L23 12 L12 23 L1 12 Z',
  low: 'M12 2 A10 10 0 1 1 11.99 2 Z',
};

export function AlarmIcon({ priority }: { priority: AlertPriority }) {
  return (
    <svg
      className="alarm-icon"
      data-testid="alarm-icon"
      data-priority={priority}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <path d={SHAPES[priority]} fill="currentColor" />
      <path
        d={priority === 'high' ? 'M12 8 V14 M12 16.5 V18' : 'M12 7 V13.5 M12 16 V17.5'}
        className="alarm-icon__mark"
        strokeWidth="2.4"
        strokeLinecap="round"
      />
    </svg>
  );
}
