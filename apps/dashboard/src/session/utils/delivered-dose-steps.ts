import { currentPumpRate, deliveredMg, roundMg, type PumpEvent } from '@vigil/shared';
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

/**
 * The charts' clock: in steps of `stepMs` (so they redraw every few seconds, not every tick), but
 * never behind the last pump event that has happened, so a rate change or a stop is drawn at once
 * rather than up to a step later.
 */
export function chartClock(
  liveNow: number,
  stepMs: number,
  events: readonly Pick<PumpEvent, 'at'>[],
): number {
  const stepped = Math.floor(liveNow / stepMs) * stepMs;
  const lastAt = Date.parse(events.at(-1)?.at ?? '');
  return Number.isFinite(lastAt) && lastAt <= liveNow ? Math.max(stepped, lastAt) : stepped;
}

/** The pump's rate at `time`: that of the last event by then, 0 before the start. */
export function pumpRateAt(
  events: readonly Pick<PumpEvent, 'at' | 'rateMlPerH'>[],
  time: number,
): number {
  return currentPumpRate(events.filter((event) => Date.parse(event.at) <= time));
}

/**
 * A live chart ends now: its last point takes the figure the session header shows this second
 * (`useLiveDeliveredMg`, to 0.1 mg) and the rate running, so the chart never lags the header
 * between the steps of its clock.
 */
export function withLiveEnd(
  points: readonly DosePoint[],
  live: Pick<DosePoint, 'deliveredMg' | 'rateMlPerH'>,
): DosePoint[] {
  const last = points.at(-1);
  if (!last) return [];
  return [
    ...points.slice(0, -1),
    { time: last.time, deliveredMg: roundMg(live.deliveredMg), rateMlPerH: live.rateMlPerH },
  ];
}
