/**
 * How much history a tile keeps for its sparklines: ten minutes, and at most 1 200 samples so a
 * device sending far faster than the usual 1 Hz cannot exhaust the screen's memory.
 */
export const RECENT_VITALS_WINDOW = { windowMs: 10 * 60_000, maxSamples: 1_200 } as const;

/** Matches the default SIGNAL_LOSS limit: past this a reading is no longer "live". */
export const STALE_READING_AFTER_MS = 30_000;
