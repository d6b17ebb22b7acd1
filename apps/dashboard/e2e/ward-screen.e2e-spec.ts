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
import { pulsesSince, recordAlarmPulses, waitForPulses } from './support/alarm-pulses';
import { enableAlarmSound } from './support/alarm-sound';

/** The pitch of the high-priority alarm signal (ALARM_SIGNALS.high). */
const HIGH_PRIORITY_HZ = 660;

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
    await page.waitForFunction(
      ([element, before]) => element?.textContent !== before,
      [await reading.elementHandle(), first] as const,
      { timeout: 30_000 },
    );
    expect(await reading.textContent()).not.toBe(first);
    // Read once a live reading has arrived: the first figure may be the demo's seeded history
    // (minutes old, rightly marked stale) if the page loaded before the simulator's first post.
    await expect(tile.getByTestId('reading-age').textContent()).resolves.toMatch(
      /\d+ s ago|just now/i,
    );
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

  it('sounds another chair’s alarm for a nurse on a session screen, paused from the top bar', async () => {
    const nurse = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await nurse.addInitScript(recordAlarmPulses);
      await nurse.goto(server.url);
      await signIn(nurse, 'nurse');
      await nurse.waitForURL('**/ward');
      await nurse.getByRole('link', { name: 'Bay 3 — open session' }).click();
      await nurse.waitForURL('**/sessions/*');
      await nurse.getByRole('heading', { name: 'Timeline' }).waitFor();

      // The top bar carries the sound's controls on every page but the ward.
      const controls = nurse.getByRole('group', { name: 'Alarm sound' });
      await enableAlarmSound(controls);
      const pauseButton = controls.getByRole('button', { name: 'Pause alarm audio (2 min)' });
      await pauseButton.waitFor();

      const since = await nurse.evaluate(() => performance.now());
      const token = await nurse.evaluate(async () => {
        const reply = await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'nurse', password: 'demo' }),
        });
        return ((await reply.json()) as { accessToken: string }).accessToken;
      });
      const desaturation = await fetch(`${server.url}/api/v1/demo/bays/4/desaturation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(desaturation.status).toBe(202);

      // Bay 4's high alarm sounds here, on bay 3's screen: at least one whole burst is on the
      // audio clock.
      await waitForPulses(nurse, since, HIGH_PRIORITY_HZ, { count: 10, timeout: 60_000 });

      // Paused from the top bar; the ward then shows the same pause, once, in its header.
      await pauseButton.click();
      const paused = controls.getByTestId('audio-paused');
      await paused.waitFor();
      await expect(paused.getByTestId('audio-pause-remaining').textContent()).resolves.toMatch(
        /^(2:00|1:5\d)$/,
      );
      const pausedAt = await nurse.evaluate(() => performance.now());
      await nurse
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Ward' })
        .click();
      await nurse.waitForURL('**/ward');
      await nurse.getByTestId('bed-tile-4').waitFor();
      await expect(nurse.getByTestId('audio-paused').count()).resolves.toBe(1);
      await expect(controls.count()).resolves.toBe(0);
      await expect(pulsesSince(nurse, pausedAt, HIGH_PRIORITY_HZ)).resolves.toBe(0);
      await nurse.getByRole('button', { name: 'Cancel audio pause' }).click();
      await waitForPulses(nurse, pausedAt, HIGH_PRIORITY_HZ, { count: 10, timeout: 5_000 });
    } finally {
      await nurse.close();
    }
  }, 90_000);

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
    // The ward may also say it could not refresh its chairs: the banner is the one that counts.
    const banner = page.getByRole('alert').filter({ hasText: /live updates lost/i });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getAttribute('class')).toMatch(/connection-banner/);
  });
});
