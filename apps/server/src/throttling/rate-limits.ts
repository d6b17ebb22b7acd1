/** The window every limit counts in. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/**
 * Requests per window per caller: far above a monitor's one batch a second and a screen's reads,
 * far below a runaway loop.
 */
export const REQUESTS_PER_WINDOW = 1_200;
