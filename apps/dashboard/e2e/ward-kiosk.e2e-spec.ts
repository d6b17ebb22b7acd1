import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { enableAlarmSound } from './support/alarm-sound';
import { waitForReadingsOnEveryTile } from './support/ward-readings';

/** The demo ward has chairs 1–6; the ward screen is sized for 24. */
const DEMO_CHAIRS = 6;
const OCCUPIED_EXTRA_BAYS = ['7', '8'];
const EMPTY_BAYS = Array.from({ length: 16 }, (_, i) => String(i + 9));
const CHAIRS = DEMO_CHAIRS + OCCUPIED_EXTRA_BAYS.length + EMPTY_BAYS.length;
/** Read from the door of the room: the wall display's numerals are at least this tall. */
const KIOSK_NUMERAL_MIN_PX = 48;
const SIGNS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respRate'];
/** Set to a folder (docs/ for the README's pictures) to keep the wall display's screens. */
const SCREENSHOTS_DIR = process.env['VIGIL_SCREENSHOTS_DIR'];

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS_DIR) return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS_DIR, name),
    animations: 'disabled',
    caret: 'hide',
  });
}

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
    async function openSession(
      nurse: string,
      bay: string,
      infusing: boolean,
      physician?: string,
    ): Promise<string> {
      const patient = await api<{ id: string }>(nurse, 'POST', '/patients', {
        mrn: `KIOSK-${bay}`,
        displayName: `Kiosk Patient ${bay}`,
        weightKg: 70,
      });
      // Scheduled by a physician, whose order the dose is, so that the nurse may start it.
      const orderedBy = physician ?? (await login('physician'));
      const session = await api<{ id: string }>(orderedBy, 'POST', '/sessions', {
        patientId: patient.id,
        bay,
        indication: 'depression',
        doseMgPerKg: 0.5,
      });
      await api(nurse, 'POST', `/sessions/${session.id}/assessment`, CLEAN_ASSESSMENT);
      if (infusing) {
        await api(nurse, 'POST', `/sessions/${session.id}/vitals`, baselineReading());
        await api(nurse, 'POST', `/sessions/${session.id}/start`);
      }
      return session.id;
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-kiosk-e2e-'));
      server = await startServerProcess({
        VIGIL_DEMO: '1',
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
      });
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

    /** After a page load, the banner shown while live updates connect takes a line for a moment. */
    const live = (target: Page) =>
      target.getByText('Connecting to live updates…').waitFor({ state: 'detached' });

    /** The size of every reading's digits on the screen, as the screen draws them. */
    const numeralSizes = (target: Page) =>
      target.evaluate(
        (selector) =>
          [...document.querySelectorAll(selector)].map((element) =>
            parseFloat(getComputedStyle(element).fontSize),
          ),
        SIGNS.map((sign) => `[data-testid="vital-${sign}"]`).join(', '),
      );

    /** How much of the window the chairs take: the grid's width, the tiles' height from top to bottom. */
    const wardCover = (target: Page) =>
      target.evaluate(() => {
        const grid = document.querySelector<HTMLElement>('[data-testid="ward-grid"]')!;
        const tileBoxes = [
          ...document.querySelectorAll<HTMLElement>(
            '[data-testid^="bed-tile-"], [data-testid^="empty-bay-"]',
          ),
        ].map((tile) => tile.getBoundingClientRect());
        const top = Math.min(...tileBoxes.map((box) => box.top));
        const bottom = Math.max(...tileBoxes.map((box) => box.bottom));
        return {
          shape: `${grid.dataset.columns}×${grid.dataset.rows}`,
          width: grid.getBoundingClientRect().width / window.innerWidth,
          height: (bottom - top) / window.innerHeight,
          smallestTile: Math.min(...tileBoxes.map((box) => box.width * box.height)),
          window: window.innerWidth * window.innerHeight,
        };
      });

    it('fills a 1920×1080 wall display with the six chairs of a small ward, numerals read from the door', async () => {
      await page.goto(`${server.url}/ward?kiosk=1`);
      await page.locator('html[data-kiosk="true"]').waitFor({ state: 'attached' });
      await page.getByTestId(`bed-tile-${DEMO_CHAIRS}`).waitFor();
      await live(page);
      // Every chair has readings from the bedside simulator before the screen is judged.
      await waitForReadingsOnEveryTile(page);
      await expect(tiles().count()).resolves.toBe(DEMO_CHAIRS);

      // Three columns by two rows over the whole window, not six small tiles in a corner of it.
      const cover = await wardCover(page);
      expect(cover.shape).toBe('3×2');
      expect(cover.width).toBeGreaterThan(0.95);
      expect(cover.height).toBeGreaterThan(0.9);
      expect(cover.smallestTile).toBeGreaterThan(cover.window / 8);
      await expect(overflow(page)).resolves.toEqual(noOverflow);

      const sizes = await numeralSizes(page);
      expect(sizes).toHaveLength(DEMO_CHAIRS * SIGNS.length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(KIOSK_NUMERAL_MIN_PX);
      await screenshot(page, 'ward-6-chairs.png');
    });

    /** The size of a heart-rate reading's digits, as the screen draws them. */
    const readingFontSize = (target: Page) =>
      target
        .getByTestId('vital-heartRate')
        .first()
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

    let normalReadingSize = 0;

    it('shows 24 chairs on one 1920×1080 screen without scrolling, the empty ones as empty', async () => {
      const [admin, nurse] = await Promise.all([login('admin'), login('nurse')]);
      await openSession(nurse, OCCUPIED_EXTRA_BAYS[0]!, true);
      await openSession(nurse, OCCUPIED_EXTRA_BAYS[1]!, false);
      for (const bay of EMPTY_BAYS) {
        await api(admin, 'POST', '/devices', { label: `Bay ${bay} monitor`, bay });
      }
      await page.goto(`${server.url}/ward`);
      await page.getByTestId(`empty-bay-${EMPTY_BAYS.at(-1)}`).waitFor();
      await live(page);
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
      await expect(wardCover(page)).resolves.toMatchObject({ shape: '6×4' });
      const sizes = await numeralSizes(page);
      expect(sizes).toHaveLength((DEMO_CHAIRS + OCCUPIED_EXTRA_BAYS.length) * SIGNS.length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(KIOSK_NUMERAL_MIN_PX);
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
        await enableAlarmSound(page);

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

    it('reads 24 live chairs from the door: every numeral at least 48 px, nothing clipped', async () => {
      // Two logins for sixteen sessions: the login limit counts attempts per address.
      const [nurse, physician] = await Promise.all([login('nurse'), login('physician')]);
      const sessionIds: string[] = [];
      for (const bay of EMPTY_BAYS) sessionIds.push(await openSession(nurse, bay, true, physician));
      // A reading of the moment for each new chair, so that none is shown stale.
      await Promise.all(
        sessionIds.map((id) =>
          api(nurse, 'POST', `/sessions/${id}/vitals`, baselineReading(Date.now() - 1_000)),
        ),
      );
      // Every new chair on screen with its reading of the moment, none marked stale.
      await page.waitForFunction(
        (bays) =>
          bays.every(
            (bay) =>
              document
                .querySelector(`[data-testid="bed-tile-${bay}"]`)
                ?.getAttribute('data-stale') === 'false',
          ),
        EMPTY_BAYS,
      );
      await expect(page.locator('[data-testid^="empty-bay-"]').count()).resolves.toBe(0);
      // Vigil says its own delay on the wall display: short, so not a warning.
      await expect(page.getByTestId('system-delay').textContent()).resolves.toMatch(
        /^Vigil delay \d+\.\d s$/,
      );
      await expect(page.getByTestId('system-delay').getAttribute('data-late')).resolves.toBe(
        'false',
      );
      await expect(page.locator('[data-testid^="bed-tile-"]').count()).resolves.toBe(CHAIRS);
      await expect(overflow(page)).resolves.toEqual(noOverflow);
      const sizes = await numeralSizes(page);
      expect(sizes).toHaveLength(CHAIRS * SIGNS.length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(KIOSK_NUMERAL_MIN_PX);
      await screenshot(page, 'ward-24-chairs.png');
    });

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
