/** What follows a patient home: a call the next clinic day, and the integration-therapy visit. */
export const FOLLOW_UP_KINDS = [
  'next-day-call',
  'integration-therapy',
  /** A positive C-SSRS screen recorded after discharge, when no session alarm can sound. */
  'suicide-risk-review',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** The clinic's working days (Monday to Friday), on which its nurses make the calls. */
export const CLINIC_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
/** The next-day call and the therapy visit are due at this clinic time. */
export const FOLLOW_UP_HOUR = 10;
/** The integration-therapy appointment falls within this many days of the infusion. */
export const INTEGRATION_THERAPY_WITHIN_DAYS = 7;

export interface FollowUp {
  id: string;
  sessionId: string;
  kind: FollowUpKind;
  dueAt: string;
  doneAt?: string;
  outcome?: string;
  doneBy?: string;
}

export interface PlannedFollowUp {
  kind: FollowUpKind;
  dueAt: string;
}

const DAY_MS = 24 * 60 * 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const part = (type: keyof WallClock) =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The clinic's calendar date (`YYYY-MM-DD`) of an instant. */
export function clinicCalendarDate(instant: number, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/**
 * The instant the clinic's clock reads `hour`:00 on a date. Across a change of summer time the
 * offset of the result, not of midnight, is the one that counts, hence the second look.
 */
export function clinicWallTime(date: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00.000Z`) + hour * 60 * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isClinicDay(date: string): boolean {
  return CLINIC_WEEKDAYS.includes(new Date(`${date}T00:00:00.000Z`).getUTCDay());
}

/**
 * The tasks a discharge creates: the call on the next clinic day after the discharge's date, and
 * the integration-therapy appointment on the last clinic day within the following week, both at
 * FOLLOW_UP_HOUR clinic time.
 */
export function followUpsAfterDischarge(
  dischargedAt: number,
  timeZone: string,
): [call: PlannedFollowUp, therapy: PlannedFollowUp] {
  const dischargeDate = clinicCalendarDate(dischargedAt, timeZone);
  let callDate = addDays(dischargeDate, 1);
  while (!isClinicDay(callDate)) callDate = addDays(callDate, 1);
  let therapyDate = addDays(dischargeDate, INTEGRATION_THERAPY_WITHIN_DAYS);
  while (!isClinicDay(therapyDate)) therapyDate = addDays(therapyDate, -1);
  const at = (date: string) =>
    new Date(clinicWallTime(date, FOLLOW_UP_HOUR, timeZone)).toISOString();
  return [
    { kind: 'next-day-call', dueAt: at(callDate) },
    { kind: 'integration-therapy', dueAt: at(therapyDate) },
  ];
}
