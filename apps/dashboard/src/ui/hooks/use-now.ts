import { useSyncExternalStore } from 'react';

const TICK_MS = 1_000;

// One timer for the whole screen, however many tiles show an age.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = (): number => now;

/** The current time, re-rendering the caller every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}
