import type { QueryClient } from '@tanstack/react-query';
import type { Alert } from '@vigil/shared';

/** Far more than arrive while one request is in flight; older entries are dropped. */
export const JOURNAL_CAPACITY = 500;

/**
 * The alert events received lately, numbered, so a REST load of the open alerts can replay those
 * that arrived while it was in flight (see replaceOpenAlerts).
 */
export class AlertEventJournal {
  private entries: { seq: number; alert: Alert }[] = [];
  private seq = 0;

  record(alert: Alert): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, alert });
    if (this.entries.length > JOURNAL_CAPACITY) {
      this.entries = this.entries.slice(-JOURNAL_CAPACITY);
    }
  }

  /** A position to ask `since` about later. */
  mark(): number {
    return this.seq;
  }

  since(mark: number): Alert[] {
    return this.entries.filter((entry) => entry.seq > mark).map((entry) => entry.alert);
  }
}

const journals = new WeakMap<QueryClient, AlertEventJournal>();

/** One journal per query cache, so tests with fresh caches never share one. */
export function alertJournalFor(queryClient: QueryClient): AlertEventJournal {
  let journal = journals.get(queryClient);
  if (!journal) {
    journal = new AlertEventJournal();
    journals.set(queryClient, journal);
  }
  return journal;
}
