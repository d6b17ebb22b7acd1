import { deliveredMg, roundMg, type PumpEvent } from '@vigil/shared';
import type { TimeDomain } from './trend-data';

/** One corner of the dose chart: the pump's rate from here on, and the mg given by here. */
export interface DosePoint {
  time: number;
  rateMlPerH: number;
  deliveredMg: number;
}

/**
 * The pump record drawn over a time window: a point at each pump event inside it, one at its start
 * when the pump was already running, and one at its end. The rate holds between points (a step
 * line) and the delivered dose rises straight between them (the shared `deliveredMg`, to 0.1 mg),
 * so the chart is exact at every corner and agrees with the tile and the record.
 */
export function deliveredDoseSteps(
  events: readonly Pick<PumpEvent, 'at' | 'rateMlPerH'>[],
  concentrationMgPerMl: number,
  domain: TimeDomain,
): DosePoint[] {
  const timed = events.map((event) => ({ time: Date.parse(event.at), rate: event.rateMlPerH }));
  const first = timed[0];
  if (!first || first.time > domain.to) return [];
  const pointAt = (time: number): DosePoint => {
    const running = timed.filter((event) => event.time <= time).at(-1);
    return {
      time,
      rateMlPerH: running?.rate ?? 0,
      deliveredMg: roundMg(deliveredMg(events, concentrationMgPerMl, time)),
    };
  };
  const start = Math.max(domain.from, first.time);
  if (start === domain.to) return [pointAt(start)];
  const inside = timed
    .filter((event) => event.time > start && event.time < domain.to)
    .map((event) => pointAt(event.time));
  return [pointAt(start), ...inside, pointAt(domain.to)];
}
