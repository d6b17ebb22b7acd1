import { keepExtremes, type CourseInfusion, type VitalSample, type VitalSign } from '@vigil/shared';

/** The infusions a comparison overlays: the patient's last five, as the clinic reviews them. */
export const OVERLAID_INFUSIONS = 5;
/** About a chart's width in points: each infusion is thinned to this many intervals. */
const TREND_INTERVALS = 120;
const MINUTE_MS = 60_000;

/** An infusion that started: it has readings to compare. */
export function startedInfusion(infusion: CourseInfusion): boolean {
  return infusion.state !== 'scheduled' && infusion.state !== 'assessed';
}

/** The last OVERLAID_INFUSIONS infusions that started, in the course's order. */
export function infusionsToOverlay(infusions: readonly CourseInfusion[]): CourseInfusion[] {
  return infusions.filter(startedInfusion).slice(-OVERLAID_INFUSIONS);
}

export interface InfusionRun {
  number: number;
  /** When the infusion started: minute 0 of its line. */
  startedAt: string;
  samples: readonly VitalSample[];
}

/** One point of the overlaid chart: minutes since each infusion's start, a value per infusion. */
export type OverlayPoint = { minute: number } & Partial<Record<string, number>>;

export const seriesKey = (number: number): string => `infusion${number}`;

/**
 * One vital sign of several infusions on a shared axis of minutes since each one started, each
 * thinned with keepExtremes so a brief peak or dip stays visible. Readings before a start are
 * left out; points at the same minute share a row.
 */
export function overlaidTrend(runs: readonly InfusionRun[], sign: VitalSign): OverlayPoint[] {
  const rows = new Map<number, OverlayPoint>();
  for (const run of runs) {
    const start = Date.parse(run.startedAt);
    const measured = run.samples.filter(
      (sample) => sample[sign] !== undefined && Date.parse(sample.at) >= start,
    );
    const last = measured.reduce(
      (latest, sample) => Math.max(latest, Date.parse(sample.at)),
      start,
    );
    const kept = keepExtremes(measured, {
      time: (sample) => Date.parse(sample.at),
      values: [(sample) => sample[sign]],
      from: start,
      to: last,
      intervals: TREND_INTERVALS,
    });
    for (const sample of kept) {
      // Unrounded: two readings a second apart keep their own rows, so no extreme is overwritten.
      const minute = (Date.parse(sample.at) - start) / MINUTE_MS;
      const row = rows.get(minute) ?? { minute };
      row[seriesKey(run.number)] = sample[sign];
      rows.set(minute, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.minute - b.minute);
}

/**
 * A tick of the minutes axis. Rounded to whole minutes, the ticks of a short infusion (one stopped
 * after a minute or two) would all read "0 min"; below a minute they read seconds, below ten
 * minutes tenths.
 */
export function minuteTick(minute: number): string {
  if (minute < 1) return `${Math.round(minute * 60)} s`;
  if (minute < 10) return `${Number(minute.toFixed(1))} min`;
  return `${Math.round(minute)} min`;
}
