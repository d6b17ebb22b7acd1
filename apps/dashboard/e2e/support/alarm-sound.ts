import type { Locator, Page } from 'playwright-core';

/**
 * After a load the browser's autoplay policy may hold the alarm sound until a click. The page may
 * also find by itself that the sound may play, and the button then goes between a look and a
 * click (a click on a button that has gone waits its whole timeout): so the click is tried briefly,
 * and what is asserted is that the sound is no longer held.
 */
export async function enableAlarmSound(scope: Page | Locator): Promise<void> {
  const enable = scope.getByRole('button', { name: 'Enable alarm sound' }).first();
  if (await enable.isVisible()) await enable.click({ timeout: 5_000 }).catch(() => undefined);
  await scope.getByTestId('alarm-sound-blocked').waitFor({ state: 'detached' });
}
