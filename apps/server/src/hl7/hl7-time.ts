/**
 * HL7 v2 DTM (`YYYYMMDDHHMM[SS[.S…]][+/-ZZZZ]`) to ISO 8601 UTC, or null when it is not one. A
 * time without its offset is the sender's local time, taken as the clinic's time zone; coarser
 * than the minute is refused (a reading needs its moment).
 */
const DTM =
  /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?(?:([+-])(\d{2})(\d{2}))?$/;

export function parseHl7Time(text: string, timeZone: string): string | null {
  const match = DTM.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', sign, offH, offM] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Math.round(Number(`0.${fraction}`) * 1000),
  );
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    Number(second) > 59
  ) {
    return null;
  }
  const utc = sign
    ? wall - (sign === '+' ? 1 : -1) * (Number(offH) * 60 + Number(offM)) * 60_000
    : wallTimeToUtc(wall, timeZone);
  return new Date(utc).toISOString();
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function zoneOffsetMs(timeZone: string, utc: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((one) => one.type === type)?.value);
  const asWall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return asWall - (utc - (((utc % 1000) + 1000) % 1000));
}

/** A wall-clock reading in a zone (as epoch milliseconds read as UTC) to the instant it names. */
export function wallTimeToUtc(wall: number, timeZone: string): number {
  const guess = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, guess);
}
