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

/** The pitch of the medium-priority signal (ALARM_SIGNALS.medium), which the lost server sounds. */
const MEDIUM_PRIORITY_HZ = 520;
const NURSE_PASSWORD = 'correct horse battery';

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)('what a nurse sees and hears, in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('a ward screen that loses the server', () => {
    let dataDir: string;
    let server: ServerProcess;
    let env: Record<string, string>;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-connection-'));
      // No demo ward: no chair alarms, so any medium signal is the lost connection's.
      env = {
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
        VIGIL_ADMIN_PASSWORD: 'admin password for e2e',
      };
      server = await startServerProcess(env);
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: env['VIGIL_ADMIN_PASSWORD'] }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`${server.url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'wardnurse',
          displayName: 'Ward Nurse',
          role: 'nurse',
          password: NURSE_PASSWORD,
        }),
      });
      expect(created.status).toBe(201);
    });

    afterAll(async () => {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('sounds a technical alarm 10 s after the server stops, says so in the kiosk header, and stops when it is back', async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        await page.addInitScript(recordAlarmPulses);
        await page.goto(`${server.url}/ward?kiosk=1`);
        await signIn(page, 'wardnurse', NURSE_PASSWORD);
        await page.locator('html[data-kiosk="true"]').waitFor({ state: 'attached' });
        await page.getByText('No live sessions.').waitFor();
        await enableAlarmSound(page);
        // A screen that never connected counts as without the server since it opened: stop the
        // server only once this one is live, or the alarm may come sooner than 10 s after the stop.
        await page.getByText('Connecting to live updates…').waitFor({ state: 'detached' });
        const header = page.locator('header', { has: page.getByRole('heading', { name: 'Ward' }) });
        const alarm = header.getByTestId('connection-alarm');

        const stoppedAt = await page.evaluate(() => performance.now());
        const port = Number(new URL(server.url).port);
        await server.stop();
        await page
          .getByRole('alert')
          .filter({ hasText: /live updates lost/i })
          .waitFor();
        // Not yet: a short loss (a restart, a token refresh) is no alarm.
        await expect(alarm.count()).resolves.toBe(0);
        await expect(pulsesSince(page, stoppedAt, MEDIUM_PRIORITY_HZ)).resolves.toBe(0);

        await alarm.waitFor({ timeout: 20_000 });
        const alarmAt = await page.evaluate(() => performance.now());
        expect(alarmAt - stoppedAt).toBeGreaterThanOrEqual(10_000);
        await expect(alarm.textContent()).resolves.toMatch(
          /Technical alarm: no connection to the server since \d\d:\d\d:\d\d/,
        );
        // One whole medium burst (3 pulses) is on the audio clock.
        await waitForPulses(page, stoppedAt, MEDIUM_PRIORITY_HZ, { count: 3, timeout: 5_000 });

        server = await startServerProcess(env, { port });
        await alarm.waitFor({ state: 'detached', timeout: 30_000 });
        const backAt = await page.evaluate(() => performance.now());
        await page.waitForTimeout(3_000);
        await expect(pulsesSince(page, backAt, MEDIUM_PRIORITY_HZ)).resolves.toBe(0);
        await expect(
          page
            .getByRole('alert')
            .filter({ hasText: /live updates lost/i })
            .count(),
        ).resolves.toBe(0);
      } finally {
        await page.close();
      }
    }, 90_000);
  });

  describe('the demo ward', () => {
    let dataDir: string;
    let server: ServerProcess;
    let page: Page;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-nurse-'));
      server = await startServerProcess({
        VIGIL_DEMO: '1',
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
      });
      page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(server.url);
      await signIn(page, 'nurse', 'demo');
      await page.waitForURL('**/ward');
    });

    afterAll(async () => {
      await page?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps an unacknowledged high alarm flashing when the screen asks for reduced motion', async () => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await expect(
        page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches),
      ).resolves.toBe(true);
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

      const alarm = page
        .getByTestId('bed-tile-2')
        .locator('[data-testid="tile-alarm"][data-priority="high"][data-alarm-state="active"]');
      await alarm.waitFor({ timeout: 60_000 });
      const animation = await alarm.evaluate((element) => {
        const style = getComputedStyle(element);
        return {
          name: style.animationName,
          durationS: parseFloat(style.animationDuration),
          iterations: style.animationIterationCount,
        };
      });
      expect(animation.name).toBe('vigil-alarm-flash');
      expect(animation.iterations).toBe('infinite');
      // IEC 60601-1-8: a high-priority visual signal flashes at 1.4–2.8 Hz.
      expect(1 / animation.durationS).toBeGreaterThanOrEqual(1.4);
      expect(1 / animation.durationS).toBeLessThanOrEqual(2.8);
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }, 90_000);

    it('shows the discharge readiness checklist of a patient in recovery', async () => {
      await page.goto(`${server.url}/ward`);
      await page.getByRole('link', { name: 'Bay 5 — open session' }).click();
      await page.waitForURL('**/sessions/*');
      const form = page.getByRole('form', { name: 'Discharge' });
      const criteria = form.getByRole('list', { name: 'Discharge criteria' });
      await criteria.waitFor();
      await expect(criteria.getByRole('listitem').count()).resolves.toBe(12);
      const item = (code: string) => criteria.locator(`[data-code="${code}"]`);
      await expect(item('RECOVERY_TIME').textContent()).resolves.toMatch(/Recovery \d+ of \d+ min/);
      await expect(item('ALDRETE_TOTAL').getAttribute('data-met')).resolves.toBe('false');
      await expect(item('RECENT_SPO2').getAttribute('data-met')).resolves.toBe('true');

      for (const label of [
        'Activity',
        'Respiration',
        'Circulation',
        'Consciousness',
        'Oxygen saturation',
      ]) {
        await form.getByLabel(label, { exact: true }).selectOption('2');
      }
      await form.getByLabel('MOAA/S').selectOption('5');
      await form.getByLabel('Escort’s name').fill('Sam Carer');
      await expect(item('ALDRETE_TOTAL').textContent()).resolves.toContain(
        'Modified Aldrete 10 (needs ≥ 9)',
      );
      await expect(item('ALDRETE_TOTAL').getAttribute('data-met')).resolves.toBe('true');
      await expect(item('MOAAS').getAttribute('data-met')).resolves.toBe('true');
      await expect(item('ESCORT').textContent()).resolves.toContain('Escort: Sam Carer');
    });
  });
});
