import {
  effectiveRule,
  keepExtremes,
  type Alert,
  type AlertCode,
  type AlertPriority,
  type Assessment,
  type ThresholdProfile,
  type ThresholdRule,
  type TimelineEvent,
  type VitalSample,
  type VitalSign,
} from '@vigil/shared';
import { ticksEvery } from './chart-labels';

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

const CHART_OF_SIGN: Record<ThresholdRule['sign'], TrendChartId> = {
  systolic: 'bloodPressure',
  diastolic: 'bloodPressure',
  heartRate: 'heartRate',
  spo2: 'spo2',
  respRate: 'respRate',
};

const SIGN_LABEL: Record<ThresholdRule['sign'], string> = {
  systolic: 'Systolic',
  diastolic: 'Diastolic',
  heartRate: 'HR',
  spo2: 'SpO2',
  respRate: 'RR',
};

function comparison(rule: ThresholdRule): string {
  if (rule.direction === 'below') return '<';
  return rule.inclusive ? '≥' : '>';
}

/**
 * The session's own alarm limits, drawn as reference lines: its threshold profile's rules, each
 * with the limits relative to the session's baseline applied, as the server evaluates them.
 */
export function profileAlarmLimits(
  profile: ThresholdProfile,
  baseline: Assessment['baseline'] | null,
): Record<TrendChartId, AlarmLimit[]> {
  const limits: Record<TrendChartId, AlarmLimit[]> = {
    bloodPressure: [],
    heartRate: [],
    spo2: [],
    respRate: [],
  };
  for (const rule of profile.rules) {
    const effective = effectiveRule(rule, baseline);
    for (const priority of ['medium', 'high'] as const) {
      const value = effective[priority];
      if (value === null) continue;
      limits[CHART_OF_SIGN[rule.sign]].push({
        value,
        priority,
        label: `${SIGN_LABEL[rule.sign]} ${comparison(rule)} ${value}`,
      });
    }
  }
  return limits;
}

/** Which charts an alert's episode is shaded on: the signs it is about. */
const CHARTS_OF_CODE: Partial<Record<AlertCode, readonly TrendChartId[]>> = {
  SPO2_LOW: ['spo2'],
  SYSTOLIC_HIGH: ['bloodPressure'],
  SYSTOLIC_LOW: ['bloodPressure'],
  DIASTOLIC_HIGH: ['bloodPressure'],
  HR_HIGH: ['heartRate'],
  HR_LOW: ['heartRate'],
  RR_LOW: ['respRate'],
  SIGNAL_LOSS: ['spo2', 'heartRate'],
  BP_OVERDUE: ['bloodPressure'],
};

export interface AlertEpisode {
  from: number;
  to: number;
  priority: AlertPriority;
  label: string;
}

/**
 * Each alert about this chart's signs as a span from its raising to its resolution (or `now`
 * while open), cut to the window. Side-effect alerts are already markers on every chart.
 */
export function alertEpisodes(
  alerts: readonly Alert[],
  chart: TrendChartId,
  { from, to }: TimeDomain,
  now: number,
): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  for (const alert of alerts) {
    if (!CHARTS_OF_CODE[alert.code]?.includes(chart)) continue;
    const start = timeOf(alert.raisedAt);
    const end = alert.resolvedAt ? timeOf(alert.resolvedAt) : now;
    if (end < from || start > to) continue;
    episodes.push({
      from: Math.max(start, from),
      to: Math.min(end, to),
      priority: alert.priority,
      label: alert.message,
    });
  }
  return episodes;
}

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
 * The points inside a time domain, at most `maxPoints` of them: a long window is thinned keeping
 * each interval's first, last, lowest and highest reading of every sign (the shared
 * `keepExtremes`), so a brief SpO2 dip keeps its depth on the whole-session chart and the newest
 * point, the live end of the line, is always exact.
 */
export function pointsInDomain(
  points: readonly TrendPoint[],
  signs: readonly VitalSign[],
  { from, to }: TimeDomain,
  maxPoints: number,
): TrendPoint[] {
  const inside = points.filter((point) => point.time >= from && point.time <= to);
  if (inside.length <= maxPoints) return inside;
  return keepExtremes(inside, {
    time: (point) => point.time,
    values: signs.map((sign) => (point: TrendPoint) => point[sign]),
    from,
    to,
    // An interval keeps at most its first and last point and each sign's lowest and highest.
    intervals: Math.floor(maxPoints / (2 + 2 * signs.length)),
  });
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

const MINUTE_MS = 60_000;
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60] as const;
const LONGEST_TICK_STEP_MIN = 120;
const MAX_TICKS = 7;

/**
 * The time axis's ticks: whole minutes, as many as fit (at most seven), so that no two ticks read
 * the same `HH:MM`. In the browser's time zone, like the labels.
 */
export function timeTicks({ from, to }: TimeDomain): number[] {
  const spanMin = (to - from) / MINUTE_MS;
  const stepMin =
    TICK_STEPS_MIN.find((step) => spanMin / step <= MAX_TICKS - 1) ?? LONGEST_TICK_STEP_MIN;
  // On the local clock's whole minutes: in a zone offset by half an hour, UTC's are not.
  const localOrigin = new Date(from).getTimezoneOffset() * MINUTE_MS;
  return ticksEvery(from, to, stepMin * MINUTE_MS, localOrigin);
}
