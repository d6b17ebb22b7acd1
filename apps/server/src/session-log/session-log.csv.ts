import type { TimelineEvent } from '@vigil/shared';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';

const CSV_COLUMNS = ['at', 'kind', 'actor', 'summary', 'detail'];

/**
 * Characters with which a spreadsheet starts a formula (OWASP, CSV injection). A note or a
 * username typed as `=HYPERLINK(…)` must open as the text a person typed, never run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function* csvRows(timeline: readonly TimelineEvent[]): Generator<string[]> {
  for (const event of timeline) {
    yield [event.at, event.kind, event.actor, event.summary, JSON.stringify(event.detail)].map(
      spreadsheetSafe,
    );
  }
}

/** The timeline as CSV, written row by row as it is read. */
export function timelineCsv(timeline: readonly TimelineEvent[]): Readable {
  return Readable.from(csvRows(timeline)).pipe(stringify({ header: true, columns: CSV_COLUMNS }));
}
