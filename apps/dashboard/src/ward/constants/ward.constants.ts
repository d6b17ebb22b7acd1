import { DEFAULT_THRESHOLD_PROFILE } from '@vigil/shared';

/**
 * How much history a tile keeps for its sparklines: ten minutes, and at most 1 200 samples so a
 * device sending far faster than the usual 1 Hz cannot exhaust the screen's memory.
 */
export const RECENT_VITALS_WINDOW = { windowMs: 10 * 60_000, maxSamples: 1_200 } as const;

/** Matches the default SIGNAL_LOSS limit: past this a reading is no longer "live". */
export const STALE_READING_AFTER_MS = 30_000;

/**
 * Blood pressure comes from a cuff cycling every 5 to 15 minutes, not every second: a reading is
 * stale only once older than the longest cycle and the grace the BP_OVERDUE alarm allows. A
 * session on a shorter cycle hears of a late reading sooner, from its own BP_OVERDUE alarm.
 */
export const LONGEST_CUFF_CYCLE_MIN = 15;
export const BP_STALE_READING_AFTER_MS =
  (LONGEST_CUFF_CYCLE_MIN + DEFAULT_THRESHOLD_PROFILE.bpGraceMin) * 60_000;
