import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Works through items in order, a slice at a time, letting the event loop serve requests and
 * timers between slices. Awaiting work that finishes at once yields only to microtasks, so a loop
 * over every chair of a large ward is one long task: at 2,500 chairs the alarm sweep held the
 * event loop 40–60 ms every second (issue #19), and every reading and alarm that arrived waited.
 */
export async function forEachInSlices<T>(
  items: readonly T[],
  sliceSize: number,
  work: (item: T) => Promise<void> | void,
): Promise<void> {
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % sliceSize === 0) await nextTurn();
    // Work that finished at once is not awaited: a sweep over every chair allocates no promise
    // for the chairs where nothing changed.
    const pending = work(item);
    if (pending) await pending;
  }
}
