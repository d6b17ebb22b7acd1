import { E2E_ADMIN_PASSWORD, E2E_PASSWORD, restApi } from './support/rest-api';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  browserAvailable,
  CLEAN_ASSESSMENT,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';

const MIN = 60_000;
/** The ketamine drawn up for each infusion: more than its order, the rest wasted at the stop. */
const VIAL_MG = 50;
/** Set to a folder (docs/ for the README's pictures) to keep the screens this suite looks at. */
const SCREENSHOTS_DIR = process.env['VIGIL_SCREENSHOTS_DIR'];

interface Vitals {
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
  respRate: number;
}

/** What one infusion of the series shows: the readings during it, a side effect, the scores. */
interface InfusionPlan {
  bay: string;
  during: Vitals[];
  sideEffect: { type: string; severity: 'mild' | 'moderate'; cadss: number };
  phq9: { pre: number; post?: number };
}

const SERIES: InfusionPlan[] = [
  {
    bay: '1',
    during: [
      { systolic: 128, diastolic: 80, heartRate: 74, spo2: 98, respRate: 14 },
      { systolic: 142, diastolic: 88, heartRate: 84, spo2: 97, respRate: 15 },
      { systolic: 148, diastolic: 92, heartRate: 90, spo2: 96, respRate: 15 },
      { systolic: 136, diastolic: 84, heartRate: 80, spo2: 97, respRate: 14 },
    ],
    sideEffect: { type: 'dissociation', severity: 'moderate', cadss: 28 },
    phq9: { pre: 21, post: 16 },
  },
  {
    bay: '2',
    during: [
      { systolic: 126, diastolic: 78, heartRate: 72, spo2: 98, respRate: 14 },
      { systolic: 138, diastolic: 86, heartRate: 82, spo2: 97, respRate: 14 },
      { systolic: 140, diastolic: 88, heartRate: 86, spo2: 97, respRate: 15 },
      { systolic: 130, diastolic: 82, heartRate: 76, spo2: 98, respRate: 14 },
    ],
    sideEffect: { type: 'nausea', severity: 'mild', cadss: 19 },
    phq9: { pre: 17, post: 12 },
  },
  {
    bay: '3',
    during: [
      { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respRate: 14 },
      { systolic: 134, diastolic: 84, heartRate: 80, spo2: 97, respRate: 14 },
      { systolic: 136, diastolic: 86, heartRate: 82, spo2: 97, respRate: 15 },
      { systolic: 128, diastolic: 80, heartRate: 76, spo2: 98, respRate: 14 },
    ],
    sideEffect: { type: 'dizziness', severity: 'mild', cadss: 12 },
    phq9: { pre: 13 },
  },
];

/** Back at the clean assessment's baseline: every discharge criterion on vitals is met. */
const RECOVERED_VITALS: Vitals = {
  systolic: 122,
  diastolic: 78,
  heartRate: 70,
  spo2: 98,
  respRate: 14,
};

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The whole page, or one part of it (the recovery view without the rest of the session). */
async function screenshot(subject: Page | Locator, name: string): Promise<void> {
  if (!SCREENSHOTS_DIR) return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const options = {
    path: join(SCREENSHOTS_DIR, name),
    animations: 'disabled',
    caret: 'hide',
  } as const;
  await ('goto' in subject
    ? subject.screenshot({ ...options, fullPage: true })
    : subject.screenshot(options));
}

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)(
  'a treatment course of three infusions, in Chromium',
  () => {
    let dataDir: string;
    let server: ServerProcess;
    let browser: Browser;
    let patientId: string;
    const sessionIds: string[] = [];
    /** The recovery suite's monitor, reading the third infusion's patient while the suite runs. */
    let monitor: ReturnType<typeof setInterval> | undefined;

    const { call, login } = restApi(() => server.url);

    /** Readings from `from` on, one every 2 s, the last no later than now. */
    async function postReadings(token: string, sessionId: string, values: Vitals[]) {
      const from = Date.now() - (values.length - 1) * 2_000;
      await call(token, 'POST', `/sessions/${sessionId}/vitals`, {
        samples: values.map((value, index) => ({
          at: new Date(from + index * 2_000).toISOString(),
          ...value,
        })),
      });
    }

    /** The way a nurse and a physician take one infusion of the series from its order to recovery. */
    async function infuse(
      nurse: string,
      physician: string,
      infusion: InfusionPlan,
    ): Promise<string> {
      const { id } = await call<{ id: string }>(physician, 'POST', '/sessions', {
        patientId,
        bay: infusion.bay,
        indication: 'depression',
        doseMgPerKg: 0.5,
        plannedDurationMin: 40,
      });
      await call(nurse, 'POST', `/sessions/${id}/outcomes`, {
        instrument: 'PHQ-9',
        phase: 'pre',
        score: infusion.phq9.pre,
      });
      await call(nurse, 'POST', `/sessions/${id}/assessment`, CLEAN_ASSESSMENT);
      await postReadings(nurse, id, [{ ...CLEAN_ASSESSMENT.baseline, respRate: 14 }]);
      await call(nurse, 'POST', `/sessions/${id}/ketamine/draw`, {
        mg: VIAL_MG,
        lot: 'KET-E2E-01',
      });
      await call(nurse, 'POST', `/sessions/${id}/start`);
      // The readings of the infusion come after its start, so they chart from minute 0.
      await new Promise((resolve) => setTimeout(resolve, infusion.during.length * 2_000));
      await postReadings(nurse, id, infusion.during);
      await call(nurse, 'POST', `/sessions/${id}/observations`, {
        type: infusion.sideEffect.type,
        severity: infusion.sideEffect.severity,
        scores: { cadss: infusion.sideEffect.cadss, moaas: 4 },
      });
      await call(nurse, 'POST', `/sessions/${id}/stop`, {
        reason: 'Shortened for the browser test of the course',
      });
      // What the pump did not give is wasted, witnessed, so the balance closes for the discharge.
      const { deliveredMg } = await call<{ deliveredMg: number }>(nurse, 'GET', `/sessions/${id}`);
      await call(nurse, 'POST', `/sessions/${id}/ketamine/waste`, {
        mg: Math.round((VIAL_MG - deliveredMg) * 10) / 10,
        witness: { username: 'coursephysician', password: E2E_PASSWORD },
      });
      await postReadings(nurse, id, [RECOVERED_VITALS]);
      return id;
    }

    /** Recovered and sent home; the physician waives the 30 minutes a test cannot wait. */
    async function discharge(nurse: string, physician: string, sessionId: string, post: number) {
      const { id: _profileId, ...limits } = await call<Record<string, unknown>>(
        physician,
        'GET',
        `/sessions/${sessionId}/limits`,
      );
      await call(physician, 'PUT', `/sessions/${sessionId}/limits`, {
        ...limits,
        recoveryMinimumMin: 0,
      });
      await call(nurse, 'POST', `/sessions/${sessionId}/outcomes`, {
        instrument: 'PHQ-9',
        phase: 'post',
        score: post,
      });
      await call(nurse, 'POST', `/sessions/${sessionId}/discharge`, {
        aldrete: {
          activity: 2,
          respiration: 2,
          circulation: 2,
          consciousness: 2,
          oxygenSaturation: 2,
        },
        moaas: 5,
        escort: { name: 'Sam Carer', phone: '+44 20 7946 0018' },
      });
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-course-'));
      server = await startServerProcess({
        DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
        VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      });
      const admin = await login('admin', E2E_ADMIN_PASSWORD);
      for (const [username, displayName, role] of [
        ['coursenurse', 'Course Nurse', 'nurse'],
        ['coursephysician', 'Course Physician', 'physician'],
      ] as const) {
        await call(admin, 'POST', '/users', {
          username,
          displayName,
          role,
          password: E2E_PASSWORD,
        });
      }
      const nurse = await login('coursenurse');
      const physician = await login('coursephysician');
      ({ id: patientId } = await call<{ id: string }>(nurse, 'POST', '/patients', {
        mrn: 'E2E-COURSE-1',
        displayName: 'Robin Example',
        weightKg: 72,
      }));
      await call(physician, 'PUT', `/patients/${patientId}/course`, { plannedInfusions: 6 });
      for (const [index, infusion] of SERIES.entries()) {
        const sessionId = await infuse(nurse, physician, infusion);
        sessionIds.push(sessionId);
        if (infusion.phq9.post !== undefined) {
          await discharge(nurse, physician, sessionId, infusion.phq9.post);
        }
        expect(sessionIds).toHaveLength(index + 1);
      }
      const recovering = sessionIds[2]!;
      monitor = setInterval(() => {
        postReadings(nurse, recovering, [RECOVERED_VITALS]).catch((error: unknown) =>
          console.error(`the recovery monitor's reading was refused: ${String(error)}`),
        );
      }, 5_000);
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      clearInterval(monitor);
      await browser?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('shows the nurse the third infusion in recovery: the clock against the minimum, the check prompt, the checklist and the instructions', async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      try {
        // The screen's own clock, so the test can let a quarter of an hour of recovery pass.
        await page.clock.install();
        await page.goto(`${server.url}/sessions/${sessionIds[2]}`);
        await signIn(page, 'coursenurse');
        const recovery = page.getByRole('region', { name: 'Recovery' });
        const clock = recovery.getByTestId('recovery-clock');
        await clock.waitFor();
        await expect(clock.textContent()).resolves.toBe(
          '0 min since the infusion stopped; minimum 30 min (30 min to go).',
        );
        await expect(recovery.getByTestId('recovery-next-check').textContent()).resolves.toMatch(
          /^Next recovery check at \d\d:\d\d\.$/,
        );

        const instructions = recovery.getByRole('article', { name: /^After your treatment today/ });
        const lines = await instructions.getByRole('listitem').allTextContents();
        expect(lines).toEqual(
          expect.arrayContaining([
            'Do not drive, cycle or operate machinery for 24 hours.',
            'Do not drink alcohol for 24 hours.',
            expect.stringMatching(/^Do not take benzodiazepines or opioids until the clinic says/),
            expect.stringMatching(/call the clinic’s night number/),
          ]),
        );

        const form = page.getByRole('form', { name: 'Discharge' });
        const criteria = form.getByRole('list', { name: 'Discharge criteria' });
        const item = (code: string) => criteria.locator(`[data-code="${code}"]`);
        await criteria.waitFor();
        await expect(item('RECOVERY_TIME').getAttribute('data-met')).resolves.toBe('false');
        await expect(item('RECENT_SPO2').getAttribute('data-met')).resolves.toBe('true');
        await form.getByLabel('Escort’s name').fill('Sam Carer');
        await expect(item('ESCORT').getAttribute('data-met')).resolves.toBe('true');
        await expect(instructions.getByTestId('instructions-escort').textContent()).resolves.toBe(
          'Going home with: Sam Carer.',
        );
        await recovery.getByRole('button', { name: 'Given to the patient' }).click();
        await expect(
          recovery
            .getByRole('status')
            .filter({ hasText: /recorded as given/ })
            .textContent(),
        ).resolves.toMatch(
          /^Instructions \(version \d+\) recorded as given at .+ by coursenurse\.$/,
        );

        // Scored and escorted, the patient waits for the minimum alone.
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
        await expect(
          criteria
            .locator('[data-met="false"]')
            .evaluateAll((items) => items.map((element) => element.getAttribute('data-code'))),
        ).resolves.toEqual(['RECOVERY_TIME']);
        await screenshot(recovery, 'recovery-view.png');

        // Sixteen minutes on, no check recorded: the screen asks for one.
        await page.clock.fastForward(16 * MIN);
        const due = recovery.getByRole('alert').filter({ hasText: 'Recovery check due' });
        await due.waitFor();
        await expect(due.textContent()).resolves.toBe(
          'Recovery check due (1 min late): look at the vitals, score MOAA/S and CADSS-6.',
        );
        await expect(clock.textContent()).resolves.toBe(
          '16 min since the infusion stopped; minimum 30 min (14 min to go).',
        );
        await expect(item('RECOVERY_TIME').textContent()).resolves.toContain(
          'Recovery 16 of 30 min',
        );

        const check = recovery.getByRole('form', { name: 'Record a recovery check' });
        await check.getByLabel('MOAA/S').selectOption('5');
        await check.getByLabel('CADSS-6').fill('3');
        await check.getByRole('button', { name: 'Record check' }).click();
        const recorded = recovery.getByRole('list', { name: 'Recovery checks recorded' });
        await recorded.waitFor();
        await expect(recorded.getByRole('listitem').allTextContents()).resolves.toEqual([
          expect.stringMatching(/^\d\d:\d\d: MOAA\/S 5 · CADSS-6 3$/),
        ]);
      } finally {
        await context.close();
      }
    });

    it('shows the physician the three infusions side by side, the first three marked for closer blood-pressure watch, with their trends overlaid', async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/sessions/${sessionIds[0]}`);
        await signIn(page, 'coursephysician');
        await page.getByRole('link', { name: 'Treatment course' }).click();
        await page.waitForURL(`**/patients/${patientId}/course`);
        await page.getByRole('heading', { name: 'Treatment course', level: 1 }).waitFor();
        await expect(page.getByTestId('course-patient').textContent()).resolves.toBe(
          'Robin Example (MRN E2E-COURSE-1)',
        );
        await expect(page.getByTestId('course-progress').textContent()).resolves.toBe(
          '3 of 6 planned infusions given.',
        );

        const table = page.getByRole('table', { name: 'Infusions side by side' });
        await table.waitFor();
        const headers = table.getByRole('columnheader');
        await expect(headers.allTextContents()).resolves.toEqual([
          'Infusion',
          'Infusion 1Closer blood-pressure watch',
          'Infusion 2Closer blood-pressure watch',
          'Infusion 3Closer blood-pressure watch',
        ]);
        const cells = async (label: string) =>
          table
            .getByRole('row')
            .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
            .getByRole('cell')
            .allTextContents();
        await expect(cells('State')).resolves.toEqual(['Discharged', 'Discharged', 'Recovery']);
        await expect(cells('Dose')).resolves.toEqual(['0.5 mg/kg', '0.5 mg/kg', '0.5 mg/kg']);
        await expect(cells('Peak blood pressure')).resolves.toEqual([
          '148/92 mmHg',
          '140/88 mmHg',
          '136/86 mmHg',
        ]);
        await expect(cells('Peak heart rate')).resolves.toEqual(['90 bpm', '86 bpm', '82 bpm']);
        await expect(cells('Lowest SpO2')).resolves.toEqual(['96 %', '97 %', '97 %']);
        // The third's recovery check above was filed under dissociation, the form's default.
        await expect(cells('Side effects')).resolves.toEqual([
          'Dissociation',
          'Nausea',
          expect.stringMatching(/^(Dizziness, Dissociation|Dissociation, Dizziness)$/),
        ]);
        await expect(cells('Highest CADSS')).resolves.toEqual(['28', '19', '12']);

        for (const label of ['Systolic', 'Heart rate', 'SpO2']) {
          const figure = page.getByRole('figure', { name: `${label}, infusions overlaid` });
          const chart = figure.getByRole('img', { name: `${label} of infusions 1, 2, 3` });
          await chart.waitFor();
          await expect(
            chart.getAttribute('data-points').then((points) => Number(points)),
          ).resolves.toBeGreaterThan(0);
          // One line per infusion, each named in the legend.
          for (const number of [1, 2, 3]) {
            await figure.getByText(`Infusion ${number}`, { exact: true }).waitFor();
          }
          await expect(figure.locator('.recharts-line').count()).resolves.toBe(3);
        }
        await screenshot(page, 'course-screen.png');
      } finally {
        await context.close();
      }
    });
  },
);
