import { E2E_ADMIN_PASSWORD, E2E_PASSWORD, restApi } from './support/rest-api';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  baselineReading,
  browserAvailable,
  CLEAN_ASSESSMENT,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';

/** Set to a folder (docs/ for the README's pictures) to keep the screens this suite looks at. */
const SCREENSHOTS_DIR = process.env['VIGIL_SCREENSHOTS_DIR'];

const NURSE = { username: 'daynurse', displayName: 'Dana Day' };
const PHYSICIAN = { username: 'dayphysician', displayName: 'Dr Pat Okafor' };
const BAY = '3';
const PATIENT = {
  fullName: 'Morgan Ellery Quist',
  birthDate: '1984-03-09',
  mrn: 'E2E-DAY-0042',
  weightKg: 84,
};
/** The protocol's 0.5 mg/kg over 40 minutes at 1 mg/mL: 42 mg for 84 kg, run at 63 mL/h. */
const ORDER = { doseMgPerKg: 0.5, minutes: 40, totalMg: 42, volumeMl: 42, rateMlPerH: 63 };
/** The nurse turns the pump up once the patient tolerates the start. */
const NEW_RATE_ML_PER_H = 90;
const STOP_REASON = 'Patient asked to stop: felt too detached';
/** Every screen here runs in UTC, so the test can type and read the times it expects. */
const TIME_ZONE = 'UTC';

interface PumpEvent {
  kind: string;
  at: string;
  rateMlPerH: number;
}

interface SessionRead {
  id: string;
  state: string;
  scheduledAt: string;
  indication: string;
  supervisingPhysicianId: string | null;
  assignedNurseId: string | null;
  thresholdProfileId: string;
  deliveredMg: number;
  pumpEvents: PumpEvent[];
  infusionPlan: { concentrationMgPerMl: number; rateMlPerH: number };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS_DIR) return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS_DIR, name),
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
  });
}

/** A moment as a datetime-local input holds it in UTC, to the minute: `2026-11-25T09:30`. */
const utcMinute = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 16);

/** The mg in `Delivered 0.3 mg` or ` · 0.3 mg given`, as the screen shows it. */
function shownMg(text: string | null): number {
  const match = /(\d+\.\d) mg/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no delivered dose in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** Waits until the session screen's delivered dose, counted on by the screen's clock, reaches `mg`. */
async function deliveredReaches(page: Page, mg: number): Promise<void> {
  // In tenths, as the screen shows them: 0.2 + 0.1 is no 0.3 in floating point.
  await page.waitForFunction(
    (leastTenths) => {
      const text = document.querySelector('[data-testid="session-delivered"]')?.textContent;
      const match = /(\d+)\.(\d) mg/.exec(text ?? '');
      return match !== null && Number(match[1]) * 10 + Number(match[2]) >= leastTenths;
    },
    Math.round(mg * 10),
    { polling: 250 },
  );
}

/** The pump record summed by hand: each rate runs from its event to the next. */
function deliveredFromPumpEvents(events: readonly PumpEvent[], concentration: number): number {
  let ml = 0;
  for (const [index, event] of events.entries()) {
    const next = events[index + 1];
    if (!next) break;
    ml += (event.rateMlPerH * (Date.parse(next.at) - Date.parse(event.at))) / 3_600_000;
  }
  return ml * concentration;
}

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)(
  "a clinic's day in Chromium: admitted by a nurse, signed by a physician, infused and stopped",
  () => {
    let dataDir: string;
    let server: ServerProcess;
    let browser: Browser;
    let deviceKey: string;
    let nurseContext: BrowserContext;
    let physicianContext: BrowserContext;
    let nurse: Page;
    let physician: Page;
    let sessionId: string;
    /** The user ids the session names as its supervising physician and assigned nurse. */
    const userIds = new Map<string, string>();
    /** `2026-11-25T09:30`, as the nurse typed it. */
    let scheduledAt: string;

    const { call, login } = restApi(() => server.url);

    /** The chair's monitor sends a reading as a device does: with its key, not a clinician's token. */
    async function monitorReading(): Promise<void> {
      const reply = await fetch(`${server.url}/api/v1/sessions/${sessionId}/vitals`, {
        method: 'POST',
        headers: { 'x-device-key': deviceKey, 'content-type': 'application/json' },
        body: JSON.stringify(baselineReading()),
      });
      expect(reply.status).toBe(202);
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-day-'));
      server = await startServerProcess({
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
        VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      });
      const admin = await login('admin', E2E_ADMIN_PASSWORD);
      for (const [user, role] of [
        [NURSE, 'nurse'],
        [PHYSICIAN, 'physician'],
      ] as const) {
        const { id } = await call<{ id: string }>(admin, 'POST', '/users', {
          ...user,
          role,
          password: E2E_PASSWORD,
        });
        userIds.set(user.username, id);
      }
      // The chairs are known by their monitors: two on this ward, the patient goes to bay 3.
      ({ apiKey: deviceKey } = await call<{ apiKey: string }>(admin, 'POST', '/devices', {
        label: `Bay ${BAY} monitor`,
        bay: BAY,
      }));
      await call(admin, 'POST', '/devices', { label: 'Bay 4 monitor', bay: '4' });

      browser = await launchChromium();
      const options = { viewport: { width: 1920, height: 1080 }, timezoneId: TIME_ZONE };
      nurseContext = await browser.newContext(options);
      physicianContext = await browser.newContext(options);
      nurse = await nurseContext.newPage();
      physician = await physicianContext.newPage();
    });

    afterAll(async () => {
      await nurseContext?.close();
      await physicianContext?.close();
      await browser?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('lets the nurse admit a new patient to an empty chair and draft the order for a physician', async () => {
      await nurse.goto(`${server.url}/ward`);
      await signIn(nurse, NURSE.username);
      const chair = nurse.getByRole('region', { name: `Bay ${BAY} — empty` });
      await chair.waitFor();
      await expect(chair.getByTestId('patient-initials').count()).resolves.toBe(0);
      await chair.getByRole('link', { name: 'Admit to this chair' }).click();
      await nurse
        .getByRole('heading', { name: `Admit a patient to bay ${BAY}`, level: 1 })
        .waitFor();

      // Not in the register yet: the search says so before the nurse registers them.
      await nurse.getByLabel('Name or MRN').fill(PATIENT.mrn);
      await nurse.getByText('No patient matches. Register them below.').waitFor();
      const register = nurse.getByRole('form', { name: 'Register a new patient' });
      await register.getByLabel('Full name').fill(PATIENT.fullName);
      await register.getByLabel('Date of birth').fill(PATIENT.birthDate);
      await register.getByLabel('MRN').fill(PATIENT.mrn);
      await register.getByLabel('Weight (kg)').fill(String(PATIENT.weightKg));
      await register.getByRole('button', { name: 'Register patient' }).click();

      const chosen = nurse.getByTestId('chosen-patient');
      await chosen.waitFor();
      await expect(chosen.getByTestId('patient-name').textContent()).resolves.toBe(
        PATIENT.fullName,
      );
      await expect(chosen.getByTestId('patient-mrn').textContent()).resolves.toBe(
        `MRN ${PATIENT.mrn}`,
      );

      const schedule = nurse.getByRole('form', { name: 'Schedule the session' });
      scheduledAt = utcMinute(Date.now());
      await schedule.getByLabel('Date and time').fill(scheduledAt);
      await expect(schedule.getByLabel('Chair').inputValue()).resolves.toBe(BAY);
      await schedule.getByLabel('Indication').selectOption({ label: 'Depression' });
      await schedule.getByRole('heading', { name: 'Dose order (draft for a physician)' }).waitFor();
      await schedule.getByLabel('Dose (mg/kg)').fill(String(ORDER.doseMgPerKg));
      await schedule.getByLabel('Planned duration (min)').fill(String(ORDER.minutes));
      await expect(schedule.getByTestId('order-total').textContent()).resolves.toBe(
        `${ORDER.totalMg} mg total for ${PATIENT.weightKg} kg`,
      );
      await schedule
        .getByLabel('Supervising physician')
        .selectOption({ label: PHYSICIAN.displayName });
      await schedule.getByLabel('Assigned nurse').selectOption({ label: NURSE.displayName });
      await schedule
        .getByLabel('Alarm limits')
        .selectOption({ label: 'Default (ketamine infusion)' });
      await schedule.getByRole('button', { name: 'Schedule session' }).click();

      await nurse.waitForURL('**/sessions/*');
      sessionId = new URL(nurse.url()).pathname.split('/').at(-1)!;
      const orderStatus = nurse.getByTestId('order-status');
      await orderStatus.waitFor();
      await expect(orderStatus.textContent()).resolves.toBe('Waiting for a physician’s signature');
      // Nothing to start yet: the assessment comes once the order is signed.
      await nurse.getByTestId('assessment-missing').waitFor();
    });

    it('shows the physician the draft waiting for a signature, with the dose and pump rate from the weight, and takes the signature', async () => {
      await physician.goto(server.url);
      await signIn(physician, PHYSICIAN.username);
      const waiting = physician.getByTestId('awaiting-signature');
      const entry = waiting.getByRole('link', { name: new RegExp(`^Bay ${BAY} · `) });
      await entry.waitFor();
      await expect(entry.textContent()).resolves.toMatch(
        new RegExp(
          `^Bay ${BAY} · ${PATIENT.fullName} \\(MRN ${PATIENT.mrn}\\) · ${scheduledAt.slice(11)} · `,
        ),
      );
      await entry.click();
      await physician.waitForURL(`**/sessions/${sessionId}`);

      const sign = physician.getByRole('form', { name: 'Sign order' });
      await expect(sign.getByLabel('Dose (mg/kg)').inputValue()).resolves.toBe(
        String(ORDER.doseMgPerKg),
      );
      const total = sign.getByTestId('order-total');
      await total.waitFor();
      await expect(total.textContent()).resolves.toBe(
        `${ORDER.totalMg} mg total for ${PATIENT.weightKg} kg`,
      );
      await expect(sign.getByTestId('order-pump-rate').textContent()).resolves.toBe(
        `Pump ${ORDER.rateMlPerH} mL/h (${ORDER.volumeMl} mL at 1 mg/mL)`,
      );
      await expect(physician.getByTestId('session-dose').textContent()).resolves.toBe(
        `${ORDER.doseMgPerKg} mg/kg · ${ORDER.totalMg} mg total · ${ORDER.rateMlPerH} mL/h at 1 mg/mL`,
      );
      await sign.getByRole('button', { name: 'Sign order' }).click();
      await physician.locator('[data-testid="order-status"][data-signed]').waitFor();
      await expect(physician.getByTestId('order-status').textContent()).resolves.toMatch(
        new RegExp(`^Order signed by ${PHYSICIAN.displayName} at \\d\\d:\\d\\d$`),
      );
      // Signed, it no longer waits on the physician's list.
      await physician
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Alerts' })
        .click();
      await physician.getByText('No dose order waits for a signature.').waitFor();
    });

    it('lets the nurse assess the patient, all clear, and start the infusion on a fresh monitor reading', async () => {
      // The nurse's screen learns of the signature by itself.
      await nurse.locator('[data-testid="order-status"][data-signed]').waitFor();

      const { baseline } = CLEAN_ASSESSMENT;
      const assessment = nurse.getByRole('form', { name: 'Pre-infusion assessment' });
      await assessment.getByLabel('Systolic').fill(String(baseline.systolic));
      await assessment.getByLabel('Diastolic').fill(String(baseline.diastolic));
      await assessment.getByLabel('Heart rate').fill(String(baseline.heartRate));
      await assessment.getByLabel('SpO2').fill(String(baseline.spo2));
      await assessment.getByLabel('Respiratory rate (optional)').fill(String(baseline.respRate));
      for (const label of [
        'Informed consent recorded',
        'Fasted as instructed',
        'Escort home arranged',
        'Psychiatric evaluation done',
        'Current medications reviewed',
      ]) {
        await assessment.getByLabel(label).check();
      }
      await assessment.getByLabel('Pregnancy test').selectOption({ label: 'Not applicable' });
      for (const [label, answer] of [
        ['Psychosis or mania', 'None'],
        ['Cardiac history', 'No'],
        ['Uncontrolled hypertension', 'No'],
        ['Substance use', 'None'],
        ['Breath alcohol', 'Negative'],
        ['Urine drug screen', 'Negative'],
        ['Takes benzodiazepines', 'No'],
        ['Takes lamotrigine', 'No'],
        ['Takes an MAOI', 'No'],
        ['Takes stimulants', 'No'],
        ['Prior ketamine or PCP misuse', 'No'],
        ['Raised intracranial pressure', 'No'],
        ['Raised intraocular pressure', 'No'],
        ['Hyperthyroidism', 'No'],
        ['Sleep apnoea', 'No'],
        ['Airway risk', 'No'],
      ] as const) {
        await assessment.getByLabel(label, { exact: true }).selectOption({ label: answer });
      }
      await assessment.getByRole('button', { name: 'Record assessment' }).click();
      const summary = nurse.getByTestId('assessment-summary');
      await summary.waitFor();
      await summary.getByText('No contraindication flagged.').waitFor();
      await expect(summary.textContent()).resolves.toContain(
        `Baseline ${baseline.systolic}/${baseline.diastolic} mmHg · HR ${baseline.heartRate} bpm · SpO2 ${baseline.spo2} %`,
      );

      // The chair's monitor, attached: its reading is the one the start is judged on.
      await monitorReading();
      await nurse.getByRole('button', { name: 'Start infusion' }).click();
      await nurse.locator('[data-testid="pump-event"]').first().waitFor();
      await expect(nurse.getByTestId('pump-rate').textContent()).resolves.toBe(
        `${ORDER.rateMlPerH} mL/h`,
      );
    });

    it('records the nurse’s rate change at the pump and, a few seconds on, the early stop with its reason', async () => {
      // Some of the dose at the ordered rate first, as the screen counts it.
      await deliveredReaches(nurse, 0.1);
      const rate = nurse.getByRole('form', { name: 'Change the pump rate' });
      await rate.getByLabel('New rate (mL/h)').fill(String(NEW_RATE_ML_PER_H));
      await rate.getByRole('button', { name: 'Record the rate change' }).click();
      await nurse
        .getByTestId('pump-rate')
        .filter({ hasText: `${NEW_RATE_ML_PER_H} mL/h` })
        .waitFor();
      const before = shownMg(await nurse.getByTestId('session-delivered').textContent());
      await deliveredReaches(nurse, before + 0.1);

      await nurse.getByRole('button', { name: 'Stop infusion (begin recovery)…' }).click();
      const stop = nurse.getByRole('form', { name: 'Stop infusion' });
      // Seconds into a 40-minute infusion: the screen asks why before it stops.
      await stop.getByText('This is before the planned duration: say why.').waitFor();
      await stop.getByRole('button', { name: 'Confirm stop' }).click();
      // Not without a reason: the field says so and nothing is stopped.
      await stop.locator('#stop-reason[aria-invalid="true"]').waitFor();
      await stop.getByLabel('Reason for stopping early').fill(STOP_REASON);
      await stop.getByRole('button', { name: 'Confirm stop' }).click();
      await nurse.getByRole('region', { name: 'Recovery' }).waitFor();
      await expect(nurse.getByTestId('pump-rate').textContent()).resolves.toBe('0 mL/h');
    });

    it('shows the delivered dose of the pump record, on the session screen and the ward tile, and the timeline in words', async () => {
      const record = await call<SessionRead>(
        await login(NURSE.username),
        'GET',
        `/sessions/${sessionId}`,
      );
      expect(record).toMatchObject({
        state: 'recovery',
        indication: 'depression',
        scheduledAt: `${scheduledAt}:00.000Z`,
        supervisingPhysicianId: userIds.get(PHYSICIAN.username),
        assignedNurseId: userIds.get(NURSE.username),
        thresholdProfileId: 'default',
      });
      expect(record.pumpEvents.map(({ kind, rateMlPerH }) => [kind, rateMlPerH])).toEqual([
        ['start', ORDER.rateMlPerH],
        ['rate-change', NEW_RATE_ML_PER_H],
        ['stop', 0],
      ]);
      const summed = deliveredFromPumpEvents(
        record.pumpEvents,
        record.infusionPlan.concentrationMgPerMl,
      );
      // The server's figure is the pump record's, to the tenth of a mg it is kept to.
      expect(Math.abs(record.deliveredMg - summed)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(record.deliveredMg).toBeGreaterThanOrEqual(0.2);
      const expected = record.deliveredMg.toFixed(1);

      await expect(nurse.getByTestId('session-delivered').textContent()).resolves.toBe(
        `Delivered ${expected} mg`,
      );
      await expect(nurse.getByTestId('delivered-mg').textContent()).resolves.toBe(
        `${expected} mg of ${ORDER.totalMg} mg`,
      );

      const header = nurse.locator('header.session-header');
      const title = header.getByRole('heading', { level: 1 });
      await expect(title.getByTestId('patient-name').textContent()).resolves.toBe(PATIENT.fullName);
      await expect(title.getByTestId('patient-mrn').textContent()).resolves.toBe(
        `(MRN ${PATIENT.mrn})`,
      );
      await expect(title.getByTestId('patient-birth-date').textContent()).resolves.toBe(
        `born ${PATIENT.birthDate}`,
      );

      const timeline = nurse.getByRole('list', { name: 'Session timeline' });
      await timeline
        .getByTestId('timeline-event')
        .filter({ hasText: `Infusion stopped; recovery: ${STOP_REASON}` })
        .waitFor();
      const lines = await timeline
        .getByTestId('timeline-event')
        .locator('.session-timeline__summary')
        .allTextContents();
      const said = [
        'Infusion started',
        `Pump started at ${ORDER.rateMlPerH} mL/h`,
        `Pump rate ${NEW_RATE_ML_PER_H} mL/h`,
        `Infusion stopped; recovery: ${STOP_REASON}`,
        'Pump stopped',
      ];
      expect(lines).toEqual(expect.arrayContaining(said));
      const [started, , rateChanged, stopped] = said.map((words) => lines.indexOf(words));
      // Whichever way the list runs, the rate change sits between the start and the stop.
      expect(rateChanged).toBeGreaterThan(Math.min(started!, stopped!));
      expect(rateChanged).toBeLessThan(Math.max(started!, stopped!));
      expect(lines).toContain('Assessment: no contraindication');
      expect(lines).toContain(`Order signed: ${ORDER.doseMgPerKg} mg/kg over ${ORDER.minutes} min`);
      // People by the names the nurse chose them by; the trail keeps their usernames.
      const actorOf = (summary: string) =>
        timeline
          .getByTestId('timeline-event')
          .filter({ hasText: summary })
          .first()
          .locator('.session-timeline__actor');
      await expect(actorOf('Order signed:').textContent()).resolves.toBe(PHYSICIAN.displayName);
      await expect(actorOf('Order signed:').getAttribute('title')).resolves.toBe(
        PHYSICIAN.username,
      );
      await expect(actorOf('Pump stopped').textContent()).resolves.toBe(NURSE.displayName);

      // The dose chart ends on the same figure at once: its clock moves to the stop, no 5 s step.
      await nurse
        .getByRole('img', {
          name: new RegExp(
            `^Ketamine: ${String(record.deliveredMg).replace('.', '\\.')} mg delivered by .+, pump at 0 mL/h$`,
          ),
        })
        .waitFor({ timeout: 3_000 });
      await screenshot(nurse, 'clinic-day-session.png');

      await nurse.getByRole('link', { name: '← Ward' }).click();
      await nurse.waitForURL('**/ward');
      const tile = nurse.getByTestId(`bed-tile-${BAY}`);
      await tile.waitFor();
      await expect(tile.getAttribute('data-state')).resolves.toBe('recovery');
      await expect(tile.getByTestId('tile-delivered').textContent()).resolves.toBe(
        ` · ${expected} mg given`,
      );
      expect(shownMg(await tile.getByTestId('tile-delivered').textContent())).toBe(
        record.deliveredMg,
      );
    });
  },
);
