import { wallTimeToUtc } from '../hl7/hl7-time';
import { kindsOfToken, OBSERVATION_KINDS, type ObservationKind } from './vital-sign-observations';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Where a page starts: the stored sample (by its ordering key) and the kind within it. */
export interface ObservationCursor {
  at: string;
  sessionId: string;
  source: string;
  dedupeKey: string;
  /** Index in OBSERVATION_KINDS of the last Observation already given. */
  kindIndex: number;
}

export interface ObservationSearch {
  patientId: string;
  encounterId: string | null;
  kinds: readonly ObservationKind[];
  /** Inclusive lower and exclusive upper bound of effectiveDateTime, ISO UTC. */
  from: string | null;
  before: string | null;
  count: number;
  cursor: ObservationCursor | null;
  /** The parameters as applied, for the Bundle's links. */
  applied: Array<[string, string]>;
}

/** A search the server cannot run as asked: a 400 OperationOutcome naming the parameter. */
export class SearchParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Every search parameter accepted; any other is refused rather than silently ignored. */
const SEARCH_PARAMETERS = new Set(['patient', 'encounter', 'code', 'date', '_count', '_cursor']);

const DATE_VALUE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const PREFIXES = ['eq', 'ge', 'gt', 'le', 'lt'] as const;
/** Any UUID PostgreSQL's uuid type takes: anything else never reaches a query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The search's parameters (Express's parsed query: a repeated name is an array). Unknown names,
 * repeated single-valued names and values that cannot be read are refused with the parameter
 * they concern: a search silently widened by a typo could hand over another encounter's data.
 */
export function parseObservationSearch(
  query: Record<string, unknown>,
  timeZone: string,
): ObservationSearch {
  for (const name of Object.keys(query)) {
    if (!SEARCH_PARAMETERS.has(name)) {
      throw new SearchParameterError(name, `the search parameter ${name} is not supported`);
    }
  }
  const values = (name: string): string[] => {
    const value = query[name];
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (list.some((one) => typeof one !== 'string')) {
      throw new SearchParameterError(name, `${name} must be given as name=value`);
    }
    return list as string[];
  };
  const single = (name: string): string | null => {
    const list = values(name);
    if (list.length > 1) throw new SearchParameterError(name, `${name} may be given only once`);
    return list[0] ?? null;
  };
  const applied: Array<[string, string]> = [];

  const patient = single('patient');
  if (patient === null) {
    throw new SearchParameterError(
      'patient',
      'patient is required: Observations are searched by patient',
    );
  }
  const patientId = referenceId(patient, 'Patient');
  applied.push(['patient', patientId]);

  const encounter = single('encounter');
  const encounterId = encounter === null ? null : referenceId(encounter, 'Encounter');
  if (encounterId !== null) applied.push(['encounter', encounterId]);

  // Repeated code parameters must all hold (AND); the values of one are alternatives (OR).
  let kinds: readonly ObservationKind[] = OBSERVATION_KINDS;
  for (const code of values('code')) {
    const named = new Set(code.split(',').flatMap(kindsOfToken));
    kinds = kinds.filter((kind) => named.has(kind));
    applied.push(['code', code]);
  }

  let from: string | null = null;
  let before: string | null = null;
  for (const date of values('date')) {
    const bound = dateBound(date, timeZone);
    if (bound.from !== undefined && (from === null || bound.from > from)) from = bound.from;
    if (bound.before !== undefined && (before === null || bound.before < before)) {
      before = bound.before;
    }
    applied.push(['date', date]);
  }

  const countText = single('_count');
  let count = DEFAULT_PAGE_SIZE;
  if (countText !== null) {
    if (!/^\d{1,9}$/.test(countText) || Number(countText) < 1) {
      throw new SearchParameterError('_count', '_count must be a whole number from 1');
    }
    count = Math.min(Number(countText), MAX_PAGE_SIZE);
  }
  applied.push(['_count', String(count)]);

  const cursorText = single('_cursor');
  return {
    patientId,
    encounterId,
    kinds,
    from,
    before,
    count,
    cursor: cursorText === null ? null : decodeCursor(cursorText),
    applied,
  };
}

/** `abc` or `Patient/abc`: the id, which must be one Vigil could have given. */
function referenceId(value: string, type: 'Patient' | 'Encounter'): string {
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  const parameter = type.toLowerCase();
  if (!isUuid(id)) {
    throw new SearchParameterError(parameter, `${parameter} must be a ${type} id or ${type}/id`);
  }
  return id.toLowerCase();
}

/**
 * A date search value as bounds on an instant: `ge2026-12-06` is from the start of that day in
 * the clinic's zone, `lt2026-12-06T10:00:00+01:00` before that second. A value is the period its
 * precision spans (a year, a month, a day, a minute or a second).
 */
export function dateBound(value: string, timeZone: string): { from?: string; before?: string } {
  const prefix = PREFIXES.find((one) => value.startsWith(one));
  const text = prefix ? value.slice(2) : value;
  const match = DATE_VALUE.exec(text);
  const refuse = () =>
    new SearchParameterError(
      'date',
      `date must be [eq|ge|gt|le|lt]YYYY[-MM[-DD[Thh:mm[:ss][Z|+hh:mm]]]], not ${value}`,
    );
  if (!match) throw refuse();
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (hour !== undefined && zone === undefined) throw refuse();
  const period = periodOf(
    {
      year: Number(year),
      month: month === undefined ? undefined : Number(month),
      day: day === undefined ? undefined : Number(day),
      hour: hour === undefined ? undefined : Number(hour),
      minute: minute === undefined ? undefined : Number(minute),
      second: second === undefined ? undefined : Number(second),
      millisecond: fraction === undefined ? undefined : Number(`0.${fraction}`) * 1000,
    },
    zone,
    timeZone,
  );
  if (!period) throw refuse();
  switch (prefix ?? 'eq') {
    case 'ge':
      return { from: period.start };
    case 'gt':
      return { from: period.end };
    case 'le':
      return { before: period.end };
    case 'lt':
      return { before: period.start };
    case 'eq':
      return { from: period.start, before: period.end };
  }
}

interface DateParts {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** The instants a date value spans, [start, end), or null when it names no real date. */
function periodOf(
  parts: DateParts,
  zone: string | undefined,
  timeZone: string,
): { start: string; end: string } | null {
  const { year, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(millisecond ?? 0));
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return null;
  }
  const next = new Date(wall);
  if (parts.millisecond !== undefined) next.setUTCMilliseconds(next.getUTCMilliseconds() + 1);
  else if (parts.second !== undefined) next.setUTCSeconds(second + 1);
  else if (parts.minute !== undefined) next.setUTCMinutes(minute + 1);
  else if (parts.day !== undefined) next.setUTCDate(day + 1);
  else if (parts.month !== undefined) next.setUTCMonth(month);
  else next.setUTCFullYear(year + 1);
  const toUtc = (wallTime: number): number => {
    if (zone === undefined) return wallTimeToUtc(wallTime, timeZone);
    if (zone === 'Z') return wallTime;
    const sign = zone.startsWith('-') ? -1 : 1;
    return wallTime - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  };
  const start = toUtc(wall);
  const end = toUtc(next.getTime());
  const iso = (instant: number): string | null => {
    const date = new Date(instant);
    return date.getUTCFullYear() >= 0 && date.getUTCFullYear() <= 9999 ? date.toISOString() : null;
  };
  const [startIso, endIso] = [iso(start), iso(end)];
  return startIso && endIso ? { start: startIso, end: endIso } : null;
}

export function encodeCursor(cursor: ObservationCursor): string {
  const { at, sessionId, source, dedupeKey, kindIndex } = cursor;
  return Buffer.from(JSON.stringify([at, sessionId, source, dedupeKey, kindIndex])).toString(
    'base64url',
  );
}

/** A cursor from a `next` link; anything else is refused, never used to position a query. */
export function decodeCursor(text: string): ObservationCursor {
  const refuse = () =>
    new SearchParameterError('_cursor', '_cursor must be the value of a next link, unchanged');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw refuse();
  const [at, sessionId, source, dedupeKey, kindIndex] = parsed as unknown[];
  if (
    typeof at !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) ||
    typeof sessionId !== 'string' ||
    !isUuid(sessionId) ||
    typeof source !== 'string' ||
    source.length > 80 ||
    source.includes('\u0000') ||
    typeof dedupeKey !== 'string' ||
    dedupeKey.length > 40 ||
    dedupeKey.includes('\u0000') ||
    !Number.isInteger(kindIndex) ||
    (kindIndex as number) < 0 ||
    (kindIndex as number) >= OBSERVATION_KINDS.length
  ) {
    throw refuse();
  }
  return { at, sessionId, source, dedupeKey, kindIndex: kindIndex as number };
}
