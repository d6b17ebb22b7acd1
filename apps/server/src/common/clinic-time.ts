const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * A moment as the clinic's wall clock read it, with the offset that makes it unambiguous
 * (`2026-12-06 09:14:03 +01:00`): a printed record is read by people, and across a change of
 * summer time the offset is what tells two identical clock readings apart.
 */
export function clinicTime(at: string | number | Date, timeZone: string): string {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) return '—';
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  // `GMT+01:00`, or plain `GMT` where the offset is zero.
  const offset = (parts['timeZoneName'] ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']} ${offset}`;
}

/** The clinic's calendar date (`YYYY-MM-DD`) of a moment: what "today's list" means on the ward. */
export function clinicDate(at: string | number | Date, timeZone: string): string {
  return clinicTime(at, timeZone).slice(0, 10);
}
