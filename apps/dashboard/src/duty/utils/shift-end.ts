/** The day shift hands over at 19:00: a charge-nurse shift ends there unless the nurse says. */
export const DAY_SHIFT_END = '19:00';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The next moment after `now` that the local clock reads `time` (`HH:MM`): today when it is still
 * ahead, else tomorrow, so a shift is never set to end in the past nor more than a day ahead.
 * Null for anything that is no time of day.
 */
export function nextClockTime(time: string, now: number): Date | null {
  const match = TIME.exec(time);
  if (!match) return null;
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at;
}
