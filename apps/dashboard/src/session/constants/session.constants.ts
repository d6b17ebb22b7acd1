/**
 * How much history the session screen keeps: a whole session (up to 60 minutes of infusion, then
 * recovery) with room to spare, and a cap so a device far faster than 1 Hz cannot exhaust memory.
 */
export const SESSION_VITALS_WINDOW = { windowMs: 4 * 60 * 60_000, maxSamples: 20_000 } as const;

/** The "last 5 minutes" zoom. */
export const RECENT_ZOOM_MS = 5 * 60_000;

/** Beyond this many points a trend is thinned for drawing; the screen is ~1 000 px wide. */
export const MAX_TREND_POINTS = 600;
