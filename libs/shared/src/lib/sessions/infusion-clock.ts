export interface InfusionTimes {
  startedAt: string | null;
  /** When the infusion stopped (recovery began) or the session was aborted. */
  endedAt: string | null;
  /** Closed pauses, in milliseconds. */
  pausedMs: number;
  /** Start of the pause in progress, if any. */
  pausedAt: string | null;
}

/** Infusion time so far, pauses excluded: what the protocol's 40–60 minutes are measured in. */
export function infusionElapsedMs(times: InfusionTimes, now: number): number {
  if (!times.startedAt) return 0;
  const end = times.endedAt ? Date.parse(times.endedAt) : now;
  const openPause = times.pausedAt && !times.endedAt ? end - Date.parse(times.pausedAt) : 0;
  return Math.max(0, end - Date.parse(times.startedAt) - times.pausedMs - openPause);
}
