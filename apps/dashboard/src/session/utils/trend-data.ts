import type {
  AlertPriority,
  Assessment,
  TimelineEvent,
  VitalSample,
  VitalSign,
} from '@vigil/shared';

/** One point of a trend chart: a time (ms) and the value of each sign the chart draws. */
export type TrendPoint = { time: number } & Partial<Record<VitalSign, number>>;

export type TrendChartId = 'bloodPressure' | 'heartRate' | 'spo2' | 'respRate';

export const TREND_CHART_SIGNS: Record<TrendChartId, readonly VitalSign[]> = {
  bloodPressure: ['systolic', 'diastolic'],
  heartRate: ['heartRate'],
  spo2: ['spo2'],
  respRate: ['respRate'],
};

export interface AlarmLimit {
  value: number;
  priority: Extract<AlertPriority, 'high' | 'medium'>;
  label: string;
}

/** The default alarm limits (the contract's default rules), drawn as reference lines. */
export const DEFAULT_ALARM_LIMITS: Record<TrendChartId, readonly AlarmLimit[]> = {
  bloodPressure: [
    { value: 160, priority: 'medium', label: 'Systolic ≥ 160' },
    { value: 180, priority: 'high', label: 'Systolic ≥ 180' },
  ],
  heartRate: [
    { value: 110, priority: 'medium', label: 'HR > 110' },
    { value: 130, priority: 'high', label: 'HR > 130' },
    { value: 50, priority: 'medium', label: 'HR < 50' },
  ],
  spo2: [
    { value: 94, priority: 'medium', label: 'SpO2 < 94' },
    { value: 90, priority: 'high', label: 'SpO2 < 90' },
  ],
  respRate: [
    { value: 10, priority: 'medium', label: 'RR < 10' },
    { value: 8, priority: 'high', label: 'RR < 8' },
  ],
};

const timeOf = (iso: string): number => Date.parse(iso);

/**
 * The points of one chart: only samples that measured one of its signs (blood pressure comes by
 * cuff cycle every few minutes, SpO2 every second), each with only those signs, in time order.
 */
export function trendPoints(
  samples: readonly VitalSample[],
  signs: readonly VitalSign[],
): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const sample of samples) {
    const point: TrendPoint = { time: timeOf(sample.at) };
    let measured = false;
    for (const sign of signs) {
      const value = sample[sign];
      if (typeof value === 'number') {
        point[sign] = value;
        measured = true;
      }
    }
    if (measured && Number.isFinite(point.time)) points.push(point);
  }
  return points.sort((a, b) => a.time - b.time);
}

export type TrendZoom = 'recent' | 'session';

export interface TimeDomain {
  from: number;
  to: number;
}

export interface SessionSpan {
  /** When the session's record began: the first of start, assessment, creation. */
  start: number;
  /** Now for a live session, its last sample otherwise. */
  end: number;
}

/** The time axis for a zoom: the last `recentMs` before the end, or the whole session. */
export function zoomDomain(zoom: TrendZoom, span: SessionSpan, recentMs: number): TimeDomain {
  if (zoom === 'recent') return { from: Math.max(span.start, span.end - recentMs), to: span.end };
  return { from: span.start, to: span.end };
}

/**
 * Where the session's charts begin and end: from the infusion's start or the first reading,
 * whichever is earlier (baseline readings come after the assessment, before the start), to now
 * while the session is live or its last reading once it is over (recovery included).
 */
export function sessionSpan(
  times: { createdAt: string; startedAt: string | null },
  samples: readonly VitalSample[],
  now: number,
  isLive: boolean,
): SessionSpan {
  const first = samples[0] ? timeOf(samples[0].at) : Number.NaN;
  const last = samples.at(-1) ? timeOf(samples.at(-1)!.at) : Number.NaN;
  const started = times.startedAt ? timeOf(times.startedAt) : Number.NaN;
  const known = [first, started].filter(Number.isFinite);
  const end =
    isLive || !Number.isFinite(last) ? Math.max(now, Number.isFinite(last) ? last : 0) : last;
  const start = known.length > 0 ? Math.min(...known) : timeOf(times.createdAt);
  return { start: Number.isFinite(start) ? Math.min(start, end) : end, end };
}

/**
 * The points inside a time domain, thinned to at most `maxPoints` by keeping every n-th one (and
 * always the newest, so the live end of the line is exact).
 */
export function pointsInDomain(
  points: readonly TrendPoint[],
  { from, to }: TimeDomain,
  maxPoints: number,
): TrendPoint[] {
  const inside = points.filter((point) => point.time >= from && point.time <= to);
  if (inside.length <= maxPoints) return inside;
  const step = Math.ceil(inside.length / maxPoints);
  const thinned = inside.filter((_, index) => index % step === 0);
  const newest = inside.at(-1);
  if (newest && thinned.at(-1) !== newest) thinned.push(newest);
  return thinned;
}

export interface BaselineLine {
  value: number;
  label: string;
}

/** The assessment's baseline for a chart, as reference lines; none without an assessment. */
export function baselineLines(chart: TrendChartId, assessment: Assessment | null): BaselineLine[] {
  if (!assessment) return [];
  const { baseline } = assessment;
  switch (chart) {
    case 'bloodPressure':
      return [
        { value: baseline.systolic, label: `Baseline systolic ${baseline.systolic}` },
        { value: baseline.diastolic, label: `Baseline diastolic ${baseline.diastolic}` },
      ];
    case 'heartRate':
      return [{ value: baseline.heartRate, label: `Baseline HR ${baseline.heartRate}` }];
    case 'spo2':
      return [{ value: baseline.spo2, label: `Baseline SpO2 ${baseline.spo2}` }];
    case 'respRate':
      return baseline.respRate === undefined
        ? []
        : [{ value: baseline.respRate, label: `Baseline RR ${baseline.respRate}` }];
  }
}

export interface TimeMarker {
  time: number;
  kind: 'observation' | 'intervention';
  label: string;
}

/** Observations and interventions from the log, as markers on the time axis of every chart. */
export function timeMarkers(log: readonly TimelineEvent[], { from, to }: TimeDomain): TimeMarker[] {
  const markers: TimeMarker[] = [];
  for (const entry of log) {
    if (entry.kind !== 'observation' && entry.kind !== 'intervention') continue;
    const time = timeOf(entry.at);
    if (!Number.isFinite(time) || time < from || time > to) continue;
    markers.push({ time, kind: entry.kind, label: entry.summary });
  }
  return markers.sort((a, b) => a.time - b.time);
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `10:04` in the browser's time zone, for the time axis. */
export function formatAxisTime(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
