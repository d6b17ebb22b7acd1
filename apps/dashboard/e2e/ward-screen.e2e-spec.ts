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
    // The simulated ketamine response may itself raise a blood-pressure alarm on this chair.
    await expect(tile.getAttribute('aria-label')).resolves.toMatch(/^Bay 3( — alarm .+)?$/);

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

  it('turns a tile red when its patient desaturates, and a physician acknowledges from the inbox', async () => {
    await page.goto(`${server.url}/ward`);
    const tile = page.getByTestId('bed-tile-2');
    await tile.waitFor();
    const token = await page.evaluate(async () => {
      const reply = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nurse', password: 'demo' }),
      });
      return ((await reply.json()) as { accessToken: string }).accessToken;
    });
    const desaturation = await fetch(`${server.url}/api/v1/demo/bays/2/desaturation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(desaturation.status).toBe(202);

    const alarm = tile.locator('[data-testid="tile-alarm"][data-priority="high"]');
    await alarm.waitFor({ timeout: 30_000 });
    expect(await alarm.textContent()).toMatch(/HIGH.*SpO2 \d+ < 90/);
    await expect(tile.getAttribute('aria-label')).resolves.toMatch(/^Bay 2 — alarm HIGH/);

    const physician = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await physician.goto(server.url);
      await signIn(physician, 'physician');
      await physician.waitForURL('**/alerts');
      // Only bay 2's patient desaturated: the one SpO2 alert in the inbox is theirs.
      const row = physician.locator('tr', { hasText: 'SpO2' }).first();
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      await row
        .getByTestId('alert-state')
        .filter({ hasText: /acknowledged/i })
        .waitFor();
    } finally {
      await physician.close();
    }
    await tile.locator('[data-testid="tile-alarm"][data-alarm-state="acknowledged"]').waitFor();
  });

  it('lets an auditor export a session log', async () => {
    const auditor = await browser.newPage();
    try {
      await auditor.goto(server.url);
      await signIn(auditor, 'auditor');
      await auditor.waitForURL('**/audit');
      const sessionId = await auditor.evaluate(async () => {
        const key = Object.keys(sessionStorage).find((name) =>
          sessionStorage.getItem(name)?.includes('accessToken'),
        );
        const { accessToken } = JSON.parse(sessionStorage.getItem(key!)!) as {
          accessToken: string;
        };
        const reply = await fetch('/api/v1/sessions?bay=2', {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        return ((await reply.json()) as Array<{ id: string }>)[0]!.id;
      });
      await auditor.goto(`${server.url}/sessions/${sessionId}`);
      const download = auditor.waitForEvent('download');
      await auditor.getByRole('button', { name: 'Download log (CSV)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      const text = await (await file.createReadStream()).toArray();
      expect(Buffer.concat(text).toString()).toMatch(/^at,kind,actor,summary,detail/);
    } finally {
      await auditor.close();
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
