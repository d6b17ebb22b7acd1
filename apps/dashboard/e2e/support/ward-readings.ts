import type { Page } from 'playwright-core';

/** Waits until every tile on the ward shows a heart rate: the simulator's readings have arrived. */
export async function waitForReadingsOnEveryTile(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="vital-heartRate"]')].every((element) =>
        /\d/.test(element.textContent ?? ''),
      ),
    undefined,
    { timeout: 30_000 },
  );
}
