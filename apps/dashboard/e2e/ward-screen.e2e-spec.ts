import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  browserAvailable,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)('ward screen in Chromium', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    server = await startServerProcess({
      VIGIL_DEMO: '1',
      DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Signs in through the login screen; the login then lives in the tab's sessionStorage. */
  async function signIn(target: Page, username: string): Promise<void> {
    await target.getByLabel('Username').fill(username);
    await target.getByLabel('Password').fill('demo');
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows a tile per demo chair, live from the bedside simulator', async () => {
    await page.goto(server.url);
    await signIn(page, 'nurse');
    await page.waitForURL('**/ward');
    const tile = page.getByTestId('bed-tile-3');
    await tile.waitFor();
    await expect(page.locator('[data-testid^="bed-tile-"]').count()).resolves.toBe(6);
    await expect(tile.getAttribute('aria-label')).resolves.toBe('Bay 3');

    // The simulator sends SpO2 and heart rate every second; the tile must follow without reload.
    const reading = tile.getByTestId('vital-heartRate');
    await page.waitForFunction(
      (element) => /\d/.test(element?.textContent ?? ''),
      await reading.elementHandle(),
    );
    const first = await reading.textContent();
    const age = await tile.getByTestId('reading-age').textContent();
    await page.waitForFunction(
      ([element, before]) => element?.textContent !== before,
      [await reading.elementHandle(), first] as const,
      { timeout: 30_000 },
    );
    expect(await reading.textContent()).not.toBe(first);
    expect(age).toMatch(/\d+ s ago|just now/i);
  });

  it('serves the app for a deep link and returns to it after login', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${server.url}/audit?actor=nurse`);
      await fresh.getByLabel('Username').waitFor();
      await signIn(fresh, 'auditor');
      await fresh.getByRole('heading', { name: 'Audit log' }).waitFor();
      expect(new URL(fresh.url()).pathname).toBe('/audit');
      await fresh.getByText(/Chain verified — \d/).waitFor();
    } finally {
      await fresh.close();
    }
  });

  it('says plainly when live updates are lost', async () => {
    // Still signed in from the first test: the tab's sessionStorage keeps the login.
    await page.goto(server.url);
    await page.getByTestId('bed-tile-1').waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await server.stop();
    await page.getByRole('alert').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toMatch(/live updates lost/i);
  });
});
