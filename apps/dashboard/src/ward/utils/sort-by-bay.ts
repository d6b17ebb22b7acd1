import type { Session } from '@vigil/shared';

const bayOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order, so bay 2 comes before bay 10 the way the chairs stand on the ward. */
export function sortByBay(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => bayOrder.compare(a.bay, b.bay));
}
