/** Wrong passwords from one address before any delay: a person mistyping is not held back. */
export const FREE_LOGIN_FAILURES = 4;
/** The longest wait between guesses; reached after about fifteen wrong passwords in a row. */
export const MAX_LOGIN_DELAY_MS = 15 * 60_000;

/**
 * How long the next guess for an account from one address waits after `failures` wrong passwords
 * in a row from there: none for the first few, then 1 s, doubling with each further failure.
 */
export function loginDelayMs(failures: number): number {
  if (failures <= FREE_LOGIN_FAILURES) return 0;
  return Math.min(1_000 * 2 ** (failures - FREE_LOGIN_FAILURES - 1), MAX_LOGIN_DELAY_MS);
}
