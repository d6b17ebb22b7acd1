import { z } from 'zod';
import { expecting } from './format-issues';

/** The instants a stored time can hold: four-digit UTC years, as `toISOString` writes them. */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An ISO 8601 date-time with an offset, whose instant lies in the years 0000–9999 once in UTC.
 * `0000-01-01T00:30:00+01:00` is year −1 in UTC and `9999-12-31T23:00:00-14:00` is year 10000:
 * both pass the ISO pattern, but their UTC text (`-000001-…`, `+010000-…`) no longer fits the
 * stored column, which PostgreSQL refused with an error (a 500) and SQLite kept out of time order.
 */
export function isoDateTime() {
  return z.iso
    .datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') })
    .refine((text) => {
      const instant = Date.parse(text);
      // Text that is no date at all has been named by the format check already.
      return Number.isNaN(instant) || (instant >= EARLIEST_MS && instant <= LATEST_MS);
    }, 'must lie between the years 0000 and 9999 in UTC');
}
