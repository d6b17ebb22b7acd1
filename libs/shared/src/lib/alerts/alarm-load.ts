import { z } from 'zod';
import { isoDateTime } from '../validation/iso-date-time';
import type { AlertCode, AlertPriority, AlertResolvedReason } from './alert.types';

/** An alarm that resolved by itself (never acknowledged) within this long is a nuisance alarm. */
export const NUISANCE_WITHIN_MS = 10_000;
/** The widest window one request may span: a year, so a reply stays small and quick. */
export const MAX_ALARM_LOAD_WINDOW_MS = 366 * 24 * 60 * 60 * 1000;
const HOUR_MS = 3_600_000;
/** Zone offsets are whole quarter hours, so a clock hour always starts on a UTC quarter hour. */
const SLICE_MS = 15 * 60_000;

/** The facts of one alarm the alarm-load review needs. */
export interface AlarmRecord {
  code: AlertCode;
  bay: string;
  priority: AlertPriority;
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolvedReason: AlertResolvedReason | null;
  escalationLevel: number;
}

/** A chair monitored (infusing, paused or in recovery) from `startedAt` to `endedAt`. */
export interface MonitoredPeriod {
  bay: string;
  startedAt: string;
  /** Null while the session is still live. */
  endedAt: string | null;
}

export interface AlarmLoadFigures {
  count: number;
  /** Null when no chair was monitored in the group's time (no rate can be given). */
  perChairHour: number | null;
  /** Of the alarms that resolved; null when none did. */
  medianDurationS: number | null;
  /** Raise to acknowledgement, of the acknowledged alarms; null when none was. */
  acknowledgeS: { p50: number | null; p90: number | null };
  /** Alarms resolved by themselves within 10 s, never acknowledged, of all. */
  nuisanceShare: number;
  /** Alarms that reached the supervising physician (escalation level 1 or more), of all. */
  escalationRate: number;
}

/** `GET /analytics/alarms`: the contract's shape, plus the window and the escalation rate. */
export interface AlarmLoad {
  from: string;
  to: string;
  chairHours: number;
  total: number;
  perChairHour: number | null;
  medianDurationS: number | null;
  acknowledgeS: { p50: number | null; p90: number | null };
  nuisanceShare: number;
  escalationRate: number;
  byCode: Array<AlarmLoadFigures & { code: AlertCode }>;
  byBay: Array<AlarmLoadFigures & { bay: string; chairHours: number }>;
  /** Hour of day in the clinic's zone (0–23), with the chair-hours monitored in that hour. */
  byHour: Array<AlarmLoadFigures & { hour: number; chairHours: number }>;
}

export const alarmLoadQuerySchema = z
  .strictObject({
    from: isoDateTime(),
    to: isoDateTime(),
  })
  .superRefine((query, context) => {
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (span <= 0)
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > MAX_ALARM_LOAD_WINDOW_MS)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must lie within 366 days of from',
      });
  });
export type AlarmLoadQuery = z.infer<typeof alarmLoadQuerySchema>;

export function isNuisance(alarm: AlarmRecord): boolean {
  return (
    alarm.resolvedReason === 'cleared' &&
    alarm.acknowledgedAt === null &&
    alarm.resolvedAt !== null &&
    Date.parse(alarm.resolvedAt) - Date.parse(alarm.raisedAt) <= NUISANCE_WITHIN_MS
  );
}

/** Nearest-rank percentile of sorted values (no interpolation: every answer was observed). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** The lower middle of sorted values, so that a median is always an observed duration. */
function median(sorted: readonly number[]): number | null {
  return percentile(sorted, 50);
}

const seconds = (fromIso: string, toIso: string) =>
  (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
const ascending = (values: number[]) => values.sort((a, b) => a - b);

function figures(alarms: readonly AlarmRecord[], chairHours: number): AlarmLoadFigures {
  const count = alarms.length;
  const durations = ascending(
    alarms.flatMap((alarm) =>
      alarm.resolvedAt ? [seconds(alarm.raisedAt, alarm.resolvedAt)] : [],
    ),
  );
  const acknowledge = ascending(
    alarms.flatMap((alarm) =>
      alarm.acknowledgedAt ? [seconds(alarm.raisedAt, alarm.acknowledgedAt)] : [],
    ),
  );
  const share = (matches: (alarm: AlarmRecord) => boolean) =>
    count ? alarms.filter(matches).length / count : 0;
  return {
    count,
    perChairHour: chairHours > 0 ? count / chairHours : null,
    medianDurationS: median(durations),
    acknowledgeS: { p50: percentile(acknowledge, 50), p90: percentile(acknowledge, 90) },
    nuisanceShare: share(isNuisance),
    escalationRate: share((alarm) => alarm.escalationLevel >= 1),
  };
}

function groupBy<K>(alarms: readonly AlarmRecord[], key: (alarm: AlarmRecord) => K) {
  const groups = new Map<K, AlarmRecord[]>();
  for (const alarm of alarms) {
    const group = groups.get(key(alarm));
    if (group) group.push(alarm);
    else groups.set(key(alarm), [alarm]);
  }
  return groups;
}

/** The clinic's hour of day (0–23) at an instant. */
export function hourOfDay(timeZone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (at) => Number(format.format(at));
}

/**
 * Alarm load over [from, to): the alarms raised in the window, against the chair time monitored
 * in it (each period clipped to the window, a live one up to `now`). Rates per chair-hour, by
 * code, by chair (against that chair's own time) and by hour of day in the clinic's zone
 * (against the chair time that fell in that hour).
 */
export function alarmLoad(input: {
  from: string;
  to: string;
  now: number;
  timeZone: string;
  alarms: readonly AlarmRecord[];
  periods: readonly MonitoredPeriod[];
}): AlarmLoad {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const hourOf = hourOfDay(input.timeZone);
  const bayMs = new Map<string, number>();
  const hourMs = new Map<number, number>();
  for (const period of input.periods) {
    const start = Math.max(from, Date.parse(period.startedAt));
    const end = Math.min(to, period.endedAt ? Date.parse(period.endedAt) : input.now);
    if (end <= start) continue;
    bayMs.set(period.bay, (bayMs.get(period.bay) ?? 0) + end - start);
    for (let slice = start; slice < end; slice = (Math.floor(slice / SLICE_MS) + 1) * SLICE_MS) {
      const sliceEnd = Math.min(end, (Math.floor(slice / SLICE_MS) + 1) * SLICE_MS);
      const hour = hourOf(slice);
      hourMs.set(hour, (hourMs.get(hour) ?? 0) + sliceEnd - slice);
    }
  }
  const alarms = input.alarms.filter((alarm) => {
    const raised = Date.parse(alarm.raisedAt);
    return raised >= from && raised < to;
  });
  const chairHours = [...bayMs.values()].reduce((sum, ms) => sum + ms, 0) / HOUR_MS;
  const hours = (ms: number | undefined) => (ms ?? 0) / HOUR_MS;
  const byBayAlarms = groupBy(alarms, (alarm) => alarm.bay);
  const byHourAlarms = groupBy(alarms, (alarm) => hourOf(Date.parse(alarm.raisedAt)));
  const bays = [...new Set([...bayMs.keys(), ...byBayAlarms.keys()])].sort();
  const hoursOfDay = [...new Set([...hourMs.keys(), ...byHourAlarms.keys()])].sort((a, b) => a - b);
  const overall = figures(alarms, chairHours);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    chairHours,
    total: overall.count,
    perChairHour: overall.perChairHour,
    medianDurationS: overall.medianDurationS,
    acknowledgeS: overall.acknowledgeS,
    nuisanceShare: overall.nuisanceShare,
    escalationRate: overall.escalationRate,
    byCode: [...groupBy(alarms, (alarm) => alarm.code)]
      .map(([code, group]) => ({ code, ...figures(group, chairHours) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byBay: bays.map((bay) => ({
      bay,
      chairHours: hours(bayMs.get(bay)),
      ...figures(byBayAlarms.get(bay) ?? [], hours(bayMs.get(bay))),
    })),
    byHour: hoursOfDay.map((hour) => ({
      hour,
      chairHours: hours(hourMs.get(hour)),
      ...figures(byHourAlarms.get(hour) ?? [], hours(hourMs.get(hour))),
    })),
  };
}
