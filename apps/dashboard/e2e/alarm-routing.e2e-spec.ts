import { E2E_ADMIN_PASSWORD, E2E_PASSWORD, restApi } from './support/rest-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  browserAvailable,
  CLEAN_ASSESSMENT,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';
import { pulsesSince, recordAlarmPulses, waitForPulses } from './support/alarm-pulses';
import { enableAlarmSound } from './support/alarm-sound';

/** The pitches of the alarm signals (ALARM_SIGNALS). */
const HIGH_PRIORITY_HZ = 660;
const MEDIUM_PRIORITY_HZ = 520;
const NORMAL = { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respRate: 14 };

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)('alarm routing, in Chromium', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let nurse: string;
  let physician: string;
  let nurseId: string;
  /** Bay 1's monitor: a normal reading every 2 s, so only what a test sends raises an alarm. */
  let monitor: ReturnType<typeof setInterval> | undefined;

  const { call, signIn: login } = restApi(() => server.url);

  function postReading(sessionId: string, values: Partial<typeof NORMAL> = NORMAL) {
    return call(nurse, 'POST', `/sessions/${sessionId}/vitals`, {
      samples: [{ at: new Date().toISOString(), ...values }],
    });
  }

  /** A patient infusing in `bay`, started the way a nurse and a physician start one. */
  async function infusing(bay: string, mrn: string): Promise<string> {
    const { id: patientId } = await call<{ id: string }>(nurse, 'POST', '/patients', {
      mrn,
      displayName: `Patient ${mrn}`,
      weightKg: 72,
    });
    const { id } = await call<{ id: string }>(physician, 'POST', '/sessions', {
      patientId,
      bay,
      indication: 'depression',
      doseMgPerKg: 0.5,
      plannedDurationMin: 40,
    });
    await call(nurse, 'POST', `/sessions/${id}/assessment`, CLEAN_ASSESSMENT);
    await postReading(id);
    await call(nurse, 'POST', `/sessions/${id}/start`);
    return id;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-routing-'));
    // No demo ward: every alarm in these tests is one a test raised.
    server = await startServerProcess({
      DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
      VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    });
    const admin = (await login('admin', E2E_ADMIN_PASSWORD)).accessToken;
    for (const [username, displayName, role] of [
      ['routenurse', 'Route Nurse', 'nurse'],
      ['routephysician', 'Route Physician', 'physician'],
    ] as const) {
      await call(admin, 'POST', '/users', { username, displayName, role, password: E2E_PASSWORD });
    }
    ({
      accessToken: nurse,
      user: { id: nurseId },
    } = await login('routenurse'));
    physician = (await login('routephysician')).accessToken;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    clearInterval(monitor);
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the assigned nurse bay 1’s alarm on the on-call phone, sounds it, and acknowledges it from there', async () => {
    const sessionId = await infusing('1', 'E2E-ROUTE-1');
    await call(nurse, 'PUT', `/sessions/${sessionId}/assignment`, { assignedNurseId: nurseId });
    monitor = setInterval(() => {
      postReading(sessionId).catch((error: unknown) =>
        console.error(`bay 1's reading was refused: ${String(error)}`),
      );
    }, 2_000);

    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    await expect(manifest.json()).resolves.toMatchObject({ start_url: '/on-call' });

    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    try {
      await page.addInitScript(recordAlarmPulses);
      await page.goto(`${server.url}/on-call`);
      await signIn(page, 'routenurse');
      await page.getByRole('heading', { name: 'On call' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/on-call');
      await page.getByRole('heading', { name: 'My alerts (0)' }).waitFor();
      await expect(page.getByTestId('wake-lock-note').textContent()).resolves.toMatch(
        /screen (stays awake|.*cannot keep)|did not let/,
      );
      await enableAlarmSound(page);
      // The page fits the phone: nothing wider than the screen.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(375);

      const since = await page.evaluate(() => performance.now());
      // The patient desaturates over seconds (a one-reading fall would be the probe slipping):
      // SpO2 under 90 for the rule's delay raises a high alarm.
      clearInterval(monitor);
      await postReading(sessionId, { ...NORMAL, spo2: 93 });
      monitor = setInterval(() => {
        postReading(sessionId, { ...NORMAL, spo2: 88 }).catch(() => undefined);
      }, 1_000);
      const mine = page.getByRole('region', { name: 'My alerts (1)' });
      const card = mine.locator('article', { hasText: 'Bay 1' });
      await card.waitFor({ timeout: 30_000 });
      await expect(card.textContent()).resolves.toMatch(/HIGH.*Bay 1.*SpO2 88 < 90/);
      await waitForPulses(page, since, HIGH_PRIORITY_HZ, { count: 10, timeout: 30_000 });

      await card.getByRole('button', { name: 'Acknowledge bay 1' }).click();
      await card
        .getByTestId('on-call-acknowledged')
        .filter({ hasText: 'Acknowledged by routenurse (phone)' })
        .waitFor();
      const [acknowledged] = await call<Array<{ acknowledgedFrom: string }>>(
        nurse,
        'GET',
        `/alerts?state=acknowledged&sessionId=${sessionId}`,
      );
      expect(acknowledged?.acknowledgedFrom).toBe('phone');
    } finally {
      await phone.close();
      clearInterval(monitor);
      monitor = setInterval(() => {
        postReading(sessionId).catch(() => undefined);
      }, 2_000);
    }
  }, 90_000);

  it('silences bay 2’s medium technical alarm for a probe change from the tile, until a high alarm there ends the suspend', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.addInitScript(recordAlarmPulses);
      await page.goto(`${server.url}/ward`);
      await signIn(page, 'routenurse');
      await page.waitForURL('**/ward');
      await enableAlarmSound(page);

      // Bay 2's monitor sends its start reading and then nothing: its signal is lost.
      const sessionId = await infusing('2', 'E2E-ROUTE-2');
      const tile = page.getByTestId('bed-tile-2');
      const since = await page.evaluate(() => performance.now());
      await tile
        .locator('[data-testid="tile-alarm"][data-priority="medium"]')
        .waitFor({ timeout: 60_000 });
      await waitForPulses(page, since, MEDIUM_PRIORITY_HZ, { count: 3, timeout: 30_000 });

      await tile.getByRole('button', { name: 'Suspend alarms for probe change' }).click();
      await tile.getByText(/Alarms suspended for probe change — \d:\d\d left/).waitFor();
      const suspendedAt = await page.evaluate(() => performance.now());
      // Longer than a medium burst's interval: a medium alarm still sounding would have pulsed.
      await page.waitForTimeout(8_000);
      await expect(pulsesSince(page, suspendedAt, MEDIUM_PRIORITY_HZ)).resolves.toBe(0);

      // The probe back on, reading a deep desaturation: a high alarm ends the suspend at once.
      await postReading(sessionId, { spo2: 80, heartRate: 72 });
      await tile
        .locator('[data-testid="tile-alarm"][data-priority="high"]')
        .waitFor({ timeout: 30_000 });
      await waitForPulses(page, suspendedAt, HIGH_PRIORITY_HZ, { count: 10, timeout: 30_000 });
      await tile.getByText(/Alarms suspended for probe change/).waitFor({ state: 'detached' });
      // While the high alarm sounds no suspend would be accepted, so none is offered.
      await expect(
        tile.getByRole('button', { name: 'Suspend alarms for probe change' }).count(),
      ).resolves.toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);
});
