import { cssVar } from '../../ui/theme/theme-tokens';
import { formatAxisTime, timeTicks, type TimeDomain } from '../utils/trend-data';

export const TIME_AXIS_HEIGHT = 30;

/** The time axis every session chart draws under its plot: the same window, ticks and labels. */
export function timeAxisProps(domain: TimeDomain) {
  return {
    dataKey: 'time',
    type: 'number',
    scale: 'time',
    domain: [domain.from, domain.to],
    ticks: timeTicks(domain),
    allowDataOverflow: true,
    tickFormatter: formatAxisTime,
    stroke: cssVar('colorTextMuted'),
    height: TIME_AXIS_HEIGHT,
  } as const;
}
