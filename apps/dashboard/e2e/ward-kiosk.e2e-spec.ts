import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import {
  baselineReading,
  browserAvailable,
  CLEAN_ASSESSMENT,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';
import { pulsesSince, recordAlarmPulses } from './support/alarm-pulses';

/** The demo ward has chairs 1–6; the ward screen is sized for 24. */
const OCCUPIED_EXTRA_BAYS = ['7', '8'];
const EMPTY_BAYS = Array.from({ length: 16 }, (_, i) => String(i + 9));
const CHAIRS = 6 + OCCUPIED_EXTRA_BAYS.length + EMPTY_BAYS.length;

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)(
  'a full ward and its kiosk mode in Chromium',
  () => {
    let dataDir: string;
    let server: ServerProcess;
    let browser: Browser;
    let page: Page;

    async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
      const reply = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
      return (reply.status === 204 ? undefined : await reply.json()) as T;
    }

    async function login(username: string): Promise<string> {
      const reply = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      return ((await reply.json()) as { accessToken: string }).accessToken;
    }

    /** A real session through the clinical routes: registered, assessed and, if asked, infusing. */
    async function openSession(nurse: string, bay: string, infusing: boolean): Promise<void> {
      const patient = await api<{ id: string }>(nurse, 'POST', '/patients', {
        mrn: `KIOSK-${bay}`,
        displayName: `Kiosk Patient ${bay}`,
        weightKg: 70,
      });
      // Scheduled by a physician, whose order the dose is, so that the nurse may start it.
      const session = await api<{ id: string }>(await login('physician'), 'POST', '/sessions', {
        patientId: patient.id,
        bay,
        indication: 'depression',
        doseMgPerKg: 0.5,
      });
      await api(nurse, 'POST', `/sessions/${session.id}/assessment`, CLEAN_ASSESSMENT);
      if (!infusing) return;
      await api(nurse, 'POST', `/sessions/${session.id}/vitals`, baselineReading());
      await api(nurse, 'POST', `/sessions/${session.id}/start`);
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-kiosk-e2e-'));
      server = await startServerProcess({
        VIGIL_DEMO: '1',
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
      });
      const [admin, nurse] = await Promise.all([login('admin'), login('nurse')]);
      await openSession(nurse, OCCUPIED_EXTRA_BAYS[0]!, true);
      await openSession(nurse, OCCUPIED_EXTRA_BAYS[1]!, false);
      for (const bay of EMPTY_BAYS) {
        await api(admin, 'POST', '/devices', { label: `Bay ${bay} monitor`, bay });
      }

      browser = await launchChromium();
      // The server's CSP forbids the inline script that carries axe-core.
      const context = await browser.newContext({
        bypassCSP: true,
        viewport: { width: 1920, height: 1080 },
      });
      page = await context.newPage();
      await page.addInitScript(recordAlarmPulses);
      await page.goto(`${server.url}/ward`);
      await page.getByLabel('Username').fill('nurse');
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/ward');
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const tiles = () => page.locator('[data-testid^="bed-tile-"], [data-testid^="empty-bay-"]');

    /** Scroll and clipping anywhere: the page, the grid, or inside a tile. */
    function overflow(target: Page) {
      return target.evaluate(() => {
        const grid = document.querySelector<HTMLElement>('[data-testid="ward-grid"]')!;
        const tileElements = [
          ...document.querySelectorAll<HTMLElement>(
            '[data-testid^="bed-tile-"], [data-testid^="empty-bay-"]',
          ),
        ];
        return {
          page: document.documentElement.scrollHeight - window.innerHeight,
          grid: grid.scrollHeight - grid.clientHeight,
          clippedTiles: tileElements
            .filter((tile) => tile.scrollHeight > tile.clientHeight)
            .map((tile) => tile.dataset.testid),
          belowTheFold: tileElements
            .filter((tile) => tile.getBoundingClientRect().bottom > window.innerHeight)
            .map((tile) => tile.dataset.testid),
        };
      });
    }

    const noOverflow = { page: 0, grid: 0, clippedTiles: [], belowTheFold: [] };

    /** The size of a heart-rate reading's digits, as the screen draws them. */
    const readingFontSize = (target: Page) =>
      target
        .getByTestId('vital-heartRate')
        .first()
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

    let normalReadingSize = 0;

    it('shows 24 chairs on one 1920×1080 screen without scrolling, the empty ones as empty', async () => {
      await page.getByTestId(`empty-bay-${EMPTY_BAYS.at(-1)}`).waitFor();
      await page.getByTestId('bed-tile-8').waitFor();
      await expect(tiles().count()).resolves.toBe(CHAIRS);
      await expect(page.locator('[data-testid^="empty-bay-"]').count()).resolves.toBe(
        EMPTY_BAYS.length,
      );

      const empty = page.getByRole('region', { name: 'Bay 9 — empty' });
      await expect(empty.textContent()).resolves.toContain('Empty');
      await expect(empty.getByTestId('patient-initials').count()).resolves.toBe(0);
      await expect(page.getByTestId('bed-tile-7').getAttribute('data-state')).resolves.toBe(
        'infusing',
      );
      await expect(
        page.getByTestId('bed-tile-5').getByTestId('session-state').textContent(),
      ).resolves.toMatch(/recovery/i);

      await expect(overflow(page)).resolves.toEqual(noOverflow);
      normalReadingSize = await readingFontSize(page);
    });

    it('fits the same 24 chairs in kiosk mode, with larger type and no navigation', async () => {
      await page.getByRole('button', { name: 'Kiosk mode' }).click();
      await page.waitForURL('**/ward?kiosk=1');
      // The address changes before React renders the kiosk layout: wait for the render, not the URL.
      await page.locator('html[data-kiosk="true"]').waitFor({ state: 'attached' });
      await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
      await expect(page.locator('html').getAttribute('data-kiosk')).resolves.toBe('true');
      await expect(tiles().count()).resolves.toBe(CHAIRS);
      await expect(overflow(page)).resolves.toEqual(noOverflow);
      await expect(readingFontSize(page)).resolves.toBeGreaterThan(normalReadingSize);
      // A wall display has no navigation: a tile opens nothing.
      await expect(page.getByTestId('bed-tile-1').getByRole('link').count()).resolves.toBe(0);
    });

    it('keeps the kiosk screen, its empty chairs and the audio-paused state accessible (axe-core)', async () => {
      await page.getByRole('button', { name: 'Pause alarm audio (2 min)' }).click();
      await page.getByTestId('audio-paused').waitFor();
      await page.addScriptTag({ content: axe.source });
      const results = await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }),
      );
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
        );
      expect(results.passes.length).toBeGreaterThan(0);
      expect(blocking).toEqual([]);
      await page.getByRole('button', { name: 'Cancel audio pause' }).click();
    });

    it(
      'pauses alarm audio with the time left shown, cancels it, and ends it for a new alarm',
      async () => {
        // After a reload the browser's autoplay policy may hold the sound until a click.
        const enable = page.getByRole('button', { name: 'Enable alarm sound' });
        if (await enable.isVisible()) await enable.click();
        await expect(enable.isVisible()).resolves.toBe(false);

        const pauseButton = page.getByRole('button', { name: 'Pause alarm audio (2 min)' });
        const paused = page.getByTestId('audio-paused');
        await pauseButton.click();
        await expect(paused.textContent()).resolves.toMatch(/Audio paused/i);
        await expect(paused.getByTestId('audio-pause-remaining').textContent()).resolves.toMatch(
          /^(2:00|1:5\d)$/,
        );
        await paused.getByRole('button', { name: 'Cancel audio pause' }).click();
        await paused.waitFor({ state: 'detached' });

        await pauseButton.click();
        await paused.waitFor();
        const pausedAt = await page.evaluate(() => performance.now());
        const nurse = await login('nurse');
        await api(nurse, 'POST', '/demo/bays/2/desaturation');

        // The desaturation raises a high alarm: a new alarm condition ends the pause at once.
        await page
          .getByTestId('bed-tile-2')
          .locator('[data-testid="tile-alarm"][data-priority="high"]')
          .waitFor({ timeout: 60_000 });
        await paused.waitFor({ state: 'detached', timeout: 5_000 });
        const highPulsesSincePause = await pulsesSince(page, pausedAt, 660);
        // At least one whole high-priority burst is on the audio clock.
        expect(highPulsesSincePause).toBeGreaterThanOrEqual(10);
      },
      // The simulated desaturation takes up to half a minute to raise its alarm.
      90_000,
    );

    it('still shows the connection banner, then the technical alarm, in kiosk mode when live updates are lost, all 24 chairs in view', async () => {
      await expect(page.locator('html').getAttribute('data-kiosk')).resolves.toBe('true');
      await server.stop();
      const banner = page.getByRole('alert').filter({ hasText: /live updates lost/i });
      await banner.waitFor({ timeout: 15_000 });
      await expect(overflow(page)).resolves.toEqual(noOverflow);
      await page.getByTestId('connection-alarm').waitFor({ timeout: 20_000 });
      await expect(overflow(page)).resolves.toEqual(noOverflow);
    }, 40_000);
  },
);
