import {
  DEFAULT_THRESHOLD_PROFILE,
  type Assessment,
  type Role,
  type Session,
  type TimelineEvent,
} from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { anAlert } from '../../../test/alert.fixture';
import {
  installFakeFetch,
  jsonResponse,
  nestError,
  requestsTo,
  type FakeRequest,
} from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSample, aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionScreen } from './session-screen';

const SESSION_ID = 's-7';

const flaggedAssessment: Assessment = {
  baseline: { systolic: 168, diastolic: 92, heartRate: 80, spo2: 97 },
  checklist: {
    consent: true,
    fasting: true,
    escortHome: true,
    psychiatricEvaluation: true,
    medicationsReviewed: true,
    pregnancyTest: 'not-applicable',
  },
  flags: [{ code: 'HYPERTENSION_SYSTOLIC', message: 'baseline systolic 168 ≥ 160' }],
  assessedAt: '2026-11-25T09:55:00.000Z',
  assessedBy: 'nurse',
};

const timeline: TimelineEvent[] = [
  {
    at: '2026-11-25T09:55:00.000Z',
    kind: 'assessment',
    actor: 'nurse',
    summary: 'Assessment recorded, 1 flag',
    detail: {},
  },
  {
    at: '2026-11-25T10:00:00.000Z',
    kind: 'state',
    actor: 'nurse',
    summary: 'Infusion started',
    detail: {},
  },
  {
    at: '2026-11-25T10:06:00.000Z',
    kind: 'observation',
    actor: 'nurse',
    actorName: 'Dana Day',
    summary: 'Nausea (moderate)',
    detail: {},
  },
];

function renderSession(role: Role, session: Session, extraRoutes = {}) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const fetchMock = installFakeFetch({
    [`GET /sessions/${SESSION_ID}`]: () => jsonResponse(200, session),
    [`GET /sessions/${SESSION_ID}/vitals`]: () =>
      jsonResponse(200, [
        aSample({ sessionId: SESSION_ID, at: '2026-11-25T10:01:00.000Z', heartRate: 78 }),
        aSample({ sessionId: SESSION_ID, at: '2026-11-25T10:02:00.000Z', spo2: 96 }),
      ]),
    [`GET /sessions/${SESSION_ID}/log`]: () => jsonResponse(200, timeline),
    [`GET /sessions/${SESSION_ID}/limits`]: () => jsonResponse(200, DEFAULT_THRESHOLD_PROFILE),
    'GET /alerts': () => jsonResponse(200, []),
    ...extraRoutes,
  });
  renderWithProviders(
    <Routes>
      <Route path="/sessions/:sessionId" element={<SessionScreen />} />
    </Routes>,
    { path: `/sessions/${SESSION_ID}` },
  );
  return fetchMock;
}

const assessedSession = () =>
  aSession({
    id: SESSION_ID,
    bay: '7',
    state: 'assessed',
    startedAt: null,
    assessment: flaggedAssessment,
    allowedActions: ['assess', 'start', 'abort'],
  });

const recoverySession = () =>
  aSession({
    id: SESSION_ID,
    bay: '7',
    state: 'recovery',
    endedAt: '2026-11-25T10:40:00.000Z',
    assessment: { ...flaggedAssessment, flags: [] },
    allowedActions: ['discharge', 'abort'],
  });

describe('SessionScreen', () => {
  describe('open alerts', () => {
    const sessionAlerts = {
      'GET /alerts': ({ query }: FakeRequest) =>
        jsonResponse(
          200,
          query.get('state') === 'active'
            ? [
                anAlert({ id: 'mine', sessionId: SESSION_ID, bay: '7', priority: 'medium' }),
                anAlert({ id: 'other', sessionId: 's-9', bay: '9', message: 'HR 135 > 130' }),
              ]
            : [],
        ),
      'POST /alerts/mine/acknowledge': () =>
        jsonResponse(
          200,
          anAlert({
            id: 'mine',
            sessionId: SESSION_ID,
            bay: '7',
            priority: 'medium',
            state: 'acknowledged',
            acknowledgedBy: 'nurse',
          }),
        ),
    };

    it('shows the session’s own open alerts at the top, and acknowledges them', async () => {
      const fetchMock = renderSession('nurse', recoverySession(), sessionAlerts);
      const section = await screen.findByTestId('session-alerts');
      expect(section).toHaveTextContent('Open alerts (1)');
      expect(within(section).getByTestId('alert-row-mine')).toHaveTextContent('MEDIUM');
      expect(section).not.toHaveTextContent('HR 135 > 130');
      // Above the trends and the record.
      expect(
        section.compareDocumentPosition(screen.getByRole('heading', { name: 'Timeline' })) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();

      fireEvent.click(within(section).getByRole('button', { name: 'Acknowledge' }));
      await waitFor(() =>
        expect(within(section).getByTestId('alert-state')).toHaveTextContent('Acknowledged'),
      );
      expect(requestsTo(fetchMock, 'POST /alerts/mine/acknowledge')).toHaveLength(1);
    });

    it('shows an auditor the alerts without an acknowledge button', async () => {
      renderSession('auditor', recoverySession(), sessionAlerts);
      const section = await screen.findByTestId('session-alerts');
      expect(within(section).getByTestId('alert-row-mine')).toBeInTheDocument();
      expect(
        within(section).queryByRole('button', { name: 'Acknowledge' }),
      ).not.toBeInTheDocument();
    });

    it('shows no alert section when the session has none open', async () => {
      renderSession('nurse', recoverySession());
      await screen.findByRole('heading', { level: 1, name: /^Bay 7/ });
      await waitFor(() => expect(screen.queryByText('Loading the session…')).toBeNull());
      expect(screen.queryByTestId('session-alerts')).not.toBeInTheDocument();
    });
  });

  it('shows the bay, patient, state and dose in its header', async () => {
    renderSession('nurse', recoverySession());
    const heading = await screen.findByRole('heading', { level: 1, name: /^Bay 7/ });
    expect(heading).toHaveTextContent('Jane Doe (MRN MRN-0001)');
    expect(screen.getByTestId('patient-mrn')).toHaveTextContent('MRN MRN-0001');
    expect(screen.getByTestId('session-state')).toHaveTextContent('Recovery');
    expect(screen.getByTestId('session-dose')).toHaveTextContent('0.5 mg/kg · 35 mg total');
  });

  it('offers the override of flagged contraindications to a physician', async () => {
    renderSession('physician', assessedSession());
    expect(await screen.findByRole('form', { name: 'Physician override' })).toBeInTheDocument();
    expect(screen.getByText('baseline systolic 168 ≥ 160')).toBeInTheDocument();
  });

  it('does not offer the override to a nurse, though the nurse may start and assess', async () => {
    renderSession('nurse', assessedSession());
    expect(await screen.findByText('baseline systolic 168 ≥ 160')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start infusion' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Physician override' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Override flags' })).not.toBeInTheDocument();
  });

  it('lists the reasons the server gives for refusing to start, in words of its code', async () => {
    renderSession('nurse', assessedSession(), {
      [`POST /sessions/${SESSION_ID}/start`]: () =>
        nestError(409, ['baseline systolic 168 ≥ 160: needs a physician’s override'], 'Conflict', {
          code: 'CONTRAINDICATED',
          details: { flags: ['HYPERTENSION_SYSTOLIC', 'NO_CONSENT'] },
        }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start infusion' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Start refused');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Baseline systolic pressure too high: needs a physician’s override.',
      'No informed consent recorded: the infusion cannot start.',
    ]);
  });

  describe('the physician override', () => {
    const flags: Assessment['flags'] = [
      { code: 'HYPERTENSION_SYSTOLIC', message: 'baseline systolic 172 ≥ 160' },
      { code: 'HYPERTENSION_DIASTOLIC', message: 'baseline diastolic 104 ≥ 100' },
      { code: 'NO_CONSENT', message: 'informed consent not recorded', absolute: true },
    ];
    const session = () =>
      aSession({
        ...assessedSession(),
        assessment: { ...flaggedAssessment, flags },
      });

    it('offers a checkbox per overridable flag and shows an absolute one as blocking, with none', async () => {
      renderSession('physician', session());
      const form = await screen.findByRole('form', { name: 'Physician override' });
      expect(
        within(form)
          .getAllByRole('checkbox')
          .map((box) => box.id),
      ).toEqual(['override-flag-HYPERTENSION_SYSTOLIC', 'override-flag-HYPERTENSION_DIASTOLIC']);
      expect(within(form).getByRole('checkbox', { name: /systolic/ })).not.toBeChecked();
      expect(screen.getByTestId('absolute-contraindications')).toHaveTextContent(
        'No override can allow the infusion while these stand:No informed consent recorded',
      );
    });

    it('sends the ticked flags with a clinical reason, and refuses a reason like "yes"', async () => {
      const fetchMock = renderSession('physician', session(), {
        [`POST /sessions/${SESSION_ID}/override`]: () => jsonResponse(200, session()),
      });
      const form = await screen.findByRole('form', { name: 'Physician override' });
      const send = () =>
        fireEvent.click(within(form).getByRole('button', { name: 'Override the ticked flags' }));
      fireEvent.change(within(form).getByLabelText('Clinical reason'), {
        target: { value: 'yes' },
      });
      send();
      expect(within(form).getByText('Tick each flag this decision covers.')).toBeInTheDocument();
      expect(
        within(form).getByText(/^Clinical reason must give the clinical reason/),
      ).toBeInTheDocument();

      fireEvent.click(within(form).getByRole('checkbox', { name: /systolic/ }));
      fireEvent.change(within(form).getByLabelText('Clinical reason'), {
        target: { value: 'White-coat hypertension, repeat 150/90 after rest' },
      });
      send();
      await waitFor(() =>
        expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/override`)[0]?.body).toEqual({
          reason: 'White-coat hypertension, repeat 150/90 after rest',
          flags: ['HYPERTENSION_SYSTOLIC'],
        }),
      );
    });

    it('offers no form when only absolute contraindications stand', async () => {
      renderSession(
        'physician',
        aSession({
          ...assessedSession(),
          assessment: { ...flaggedAssessment, flags: [flags[2]!] },
        }),
      );
      expect(await screen.findByTestId('absolute-contraindications')).toBeInTheDocument();
      expect(screen.queryByRole('form', { name: 'Physician override' })).not.toBeInTheDocument();
    });
  });

  describe('stopping the infusion', () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const infusing = (startedMinutesAgo: number) =>
      aSession({
        id: SESSION_ID,
        bay: '7',
        state: 'infusing',
        startedAt: minutesAgo(startedMinutesAgo),
        plannedDurationMin: 40,
        assessment: { ...flaggedAssessment, flags: [] },
        allowedActions: ['pause', 'stop'],
      });
    const recovered = () => ({ ...infusing(5), state: 'recovery', allowedActions: ['discharge'] });

    it('asks to confirm, and before the planned duration asks why, showing minutes run of planned', async () => {
      const fetchMock = renderSession('nurse', infusing(5), {
        [`POST /sessions/${SESSION_ID}/stop`]: () => jsonResponse(200, recovered()),
      });
      fireEvent.click(
        await screen.findByRole('button', { name: 'Stop infusion (begin recovery)…' }),
      );
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/stop`)).toHaveLength(0);
      const form = screen.getByRole('form', { name: 'Stop infusion' });
      expect(form).toHaveTextContent('Stop the infusion at 5 of 40 planned minutes?');

      fireEvent.click(within(form).getByRole('button', { name: 'Confirm stop' }));
      expect(within(form).getByText(/^Reason for stopping early must say why/)).toBeInTheDocument();
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/stop`)).toHaveLength(0);

      fireEvent.change(within(form).getByLabelText('Reason for stopping early'), {
        target: { value: 'Dissociation distressing the patient' },
      });
      fireEvent.click(within(form).getByRole('button', { name: 'Confirm stop' }));
      await waitFor(() =>
        expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/stop`)[0]?.body).toEqual({
          reason: 'Dissociation distressing the patient',
        }),
      );
    });

    it('stops after the planned duration on confirmation alone', async () => {
      const fetchMock = renderSession('nurse', infusing(41), {
        [`POST /sessions/${SESSION_ID}/stop`]: () => jsonResponse(200, recovered()),
      });
      fireEvent.click(
        await screen.findByRole('button', { name: 'Stop infusion (begin recovery)…' }),
      );
      const form = screen.getByRole('form', { name: 'Stop infusion' });
      expect(form).toHaveTextContent('Stop the infusion at 41 of 40 planned minutes?');
      expect(within(form).queryByLabelText('Reason for stopping early')).not.toBeInTheDocument();
      fireEvent.click(within(form).getByRole('button', { name: 'Confirm stop' }));
      await waitFor(() =>
        expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/stop`)[0]?.body).toEqual({}),
      );
    });

    it('asks for the reason when the server says the stop is early (STOP_REASON_REQUIRED)', async () => {
      renderSession('nurse', infusing(41), {
        [`POST /sessions/${SESSION_ID}/stop`]: () =>
          nestError(
            400,
            'reason: stopping at 39 of 40 planned minutes needs a reason',
            'Bad Request',
            {
              code: 'STOP_REASON_REQUIRED',
              details: { elapsedMin: 39, plannedDurationMin: 40 },
            },
          ),
      });
      fireEvent.click(
        await screen.findByRole('button', { name: 'Stop infusion (begin recovery)…' }),
      );
      const form = screen.getByRole('form', { name: 'Stop infusion' });
      fireEvent.click(within(form).getByRole('button', { name: 'Confirm stop' }));
      expect(
        await within(form).findByText(
          'Reason for stopping early is needed: the infusion has run 39 of 40 planned minutes',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('the discharge', () => {
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const facts = {
      baseline: flaggedAssessment.baseline,
      latest: {
        spo2: { value: 97, at: at(10_000) },
        heartRate: { value: 82, at: at(10_000) },
        systolic: { value: 150, at: at(60_000) },
        diastolic: { value: 88, at: at(60_000) },
      },
      recoveryStartedAt: at(12 * 60_000),
      recoveryMinimumMin: 30,
      openAlerts: 1,
      ketamine: {
        drawnMg: 40,
        givenMg: 36,
        wastedMg: 4,
        balanceMg: 0,
        recorded: true,
        closed: true,
      },
    };
    const readinessRoute = {
      [`GET /sessions/${SESSION_ID}/discharge-readiness`]: () =>
        jsonResponse(200, { ready: false, criteria: [], facts }),
    };
    const item = (code: string) =>
      screen
        .getByRole('list', { name: 'Discharge criteria' })
        .querySelector(`[data-code="${code}"]`)!;

    it('shows a live checklist of every criterion that follows what the nurse enters', async () => {
      renderSession('nurse', recoverySession(), readinessRoute);
      const form = await screen.findByRole('form', { name: 'Discharge' });
      await within(form).findByTestId('discharge-checklist');
      expect(item('RECOVERY_TIME')).toHaveTextContent('Recovery 12 of 30 min');
      expect(item('RECOVERY_TIME')).toHaveAttribute('data-met', 'false');
      expect(item('SPO2_LEVEL')).toHaveTextContent('SpO2 97 % (needs ≥ 94)');
      expect(item('SPO2_LEVEL')).toHaveAttribute('data-met', 'true');
      expect(item('OPEN_ALERTS')).toHaveTextContent('1 open alert');
      expect(item('ALDRETE_TOTAL')).toHaveTextContent('Modified Aldrete: score all five items');
      expect(item('ESCORT')).toHaveAttribute('data-met', 'false');

      for (const label of [
        'Activity',
        'Respiration',
        'Circulation',
        'Consciousness',
        'Oxygen saturation',
      ]) {
        fireEvent.change(within(form).getByLabelText(label), { target: { value: '2' } });
      }
      fireEvent.change(within(form).getByLabelText('MOAA/S'), { target: { value: '5' } });
      fireEvent.change(within(form).getByLabelText('Escort’s name'), {
        target: { value: 'Sam Carer' },
      });
      expect(item('ALDRETE_TOTAL')).toHaveTextContent('Modified Aldrete 10 (needs ≥ 9)');
      expect(item('ALDRETE_TOTAL')).toHaveAttribute('data-met', 'true');
      expect(item('MOAAS')).toHaveAttribute('data-met', 'true');
      expect(item('ESCORT')).toHaveTextContent('Escort: Sam Carer');
      expect(screen.getByTestId('discharge-readiness-summary')).toHaveTextContent(
        'Not ready: 2 of 12 criteria not met yet.',
      );
    });

    it('sends the five Aldrete items, MOAA/S and the escort, and lists each unmet criterion of a refusal', async () => {
      const fetchMock = renderSession('nurse', recoverySession(), {
        ...readinessRoute,
        [`POST /sessions/${SESSION_ID}/discharge`]: () =>
          nestError(409, ['recovery 12 < 30 min', 'open alerts 1 > 0'], 'Conflict', {
            code: 'DISCHARGE_CRITERIA_UNMET',
            details: {
              criteria: [
                { code: 'ALDRETE_TOTAL', met: true, value: 9, limit: 9 },
                { code: 'RECOVERY_TIME', met: false, value: 12, limit: 30 },
                { code: 'OPEN_ALERTS', met: false, value: 1, limit: 0 },
              ],
            },
          }),
      });
      const form = await screen.findByRole('form', { name: 'Discharge' });
      fireEvent.click(within(form).getByRole('button', { name: 'Discharge patient' }));
      expect(within(form).getByText('Activity is required')).toBeInTheDocument();
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/discharge`)).toHaveLength(0);

      const scores = { Activity: '2', Respiration: '2', Circulation: '1', Consciousness: '2' };
      for (const [label, value] of Object.entries({ ...scores, 'Oxygen saturation': '2' })) {
        fireEvent.change(within(form).getByLabelText(label), { target: { value } });
      }
      fireEvent.change(within(form).getByLabelText('MOAA/S'), { target: { value: '5' } });
      fireEvent.change(within(form).getByLabelText('Escort’s name'), {
        target: { value: 'Sam Carer' },
      });
      fireEvent.click(within(form).getByRole('button', { name: 'Discharge patient' }));

      const alert = await within(form).findByRole('alert');
      expect(alert).toHaveTextContent('Discharge refused');
      expect(
        within(alert)
          .getAllByRole('listitem')
          .map((listItem) => listItem.textContent),
      ).toEqual(['Recovery 12 of 30 min', '1 open alert (acknowledge and resolve first)']);
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/discharge`)[0]?.body).toEqual({
        aldrete: {
          activity: 2,
          respiration: 2,
          circulation: 1,
          consciousness: 2,
          oxygenSaturation: 2,
        },
        moaas: 5,
        escort: { name: 'Sam Carer' },
      });
    });
  });

  it('asks a physician for confirmation before aborting from recovery', async () => {
    const fetchMock = renderSession('physician', recoverySession(), {
      [`POST /sessions/${SESSION_ID}/abort`]: () =>
        jsonResponse(200, { ...recoverySession(), state: 'aborted', allowedActions: [] }),
    });
    const form = await screen.findByRole('form', { name: 'Abort session' });
    fireEvent.change(within(form).getByLabelText('Abort reason'), {
      target: { value: 'patient leaves against advice' },
    });
    fireEvent.click(
      within(form).getByRole('button', { name: 'Abort session (patient leaves against advice)…' }),
    );
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/abort`)).toHaveLength(0);

    fireEvent.click(within(form).getByRole('button', { name: 'Confirm abort' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/abort`)[0]?.body).toEqual({
        reason: 'patient leaves against advice',
      }),
    );
  });

  it('offers a nurse no abort from recovery: that is a physician’s decision', async () => {
    renderSession('nurse', recoverySession());
    await screen.findByRole('form', { name: 'Discharge' });
    expect(screen.queryByRole('form', { name: 'Abort session' })).not.toBeInTheDocument();
  });

  it('calls an abort before the start a cancellation, open to a nurse', async () => {
    renderSession('nurse', assessedSession());
    const form = await screen.findByRole('form', { name: 'Cancel session' });
    expect(
      within(form).getByRole('button', { name: 'Cancel session (before the start)…' }),
    ).toBeInTheDocument();
    expect(within(form).getByLabelText('Reason for cancelling')).toBeInTheDocument();
  });

  it('shows an auditor the session and its timeline but no form that writes', async () => {
    renderSession('auditor', assessedSession());
    expect(await screen.findByTestId('read-only-notice')).toBeInTheDocument();
    expect(await screen.findAllByTestId('timeline-event')).toHaveLength(3);
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    for (const name of [/start/i, /override/i, /record/i, /abort/i, /discharge/i, /pause/i]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    // Reading stays open to the auditor.
    expect(screen.getByRole('button', { name: 'Download log (CSV)' })).toBeEnabled();
  });

  it('renders the timeline’s events in order with kind, summary and actor', async () => {
    renderSession('nurse', recoverySession());
    const list = await screen.findByRole('list', { name: 'Session timeline' });
    const items = await within(list).findAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-kind'))).toEqual([
      'assessment',
      'state',
      'observation',
    ]);
    expect(items[2]).toHaveTextContent('Observation');
    expect(items[2]).toHaveTextContent('Nausea (moderate)');
  });

  it('names the people of the timeline by their names, the username kept for the record', async () => {
    renderSession('nurse', recoverySession());
    const list = await screen.findByRole('list', { name: 'Session timeline' });
    const actors = Array.from(list.querySelectorAll('.session-timeline__actor'));
    expect(actors.map((actor) => actor.textContent)).toEqual(['nurse', 'nurse', 'Dana Day']);
    expect(actors[2]).toHaveAttribute('title', 'nurse');
  });

  it("shades the session's alerts on the charts of their signs", async () => {
    renderSession('nurse', recoverySession(), {
      'GET /alerts': ({ query }: FakeRequest) =>
        jsonResponse(
          200,
          query.get('sessionId') === SESSION_ID
            ? [
                anAlert({
                  sessionId: SESSION_ID,
                  state: 'resolved',
                  message: 'SpO2 85 < 90',
                  raisedAt: '2026-11-25T10:05:00.000Z',
                  resolvedAt: '2026-11-25T10:06:00.000Z',
                }),
              ]
            : [],
        ),
    });
    const spo2 = await screen.findByRole('figure', { name: 'SpO2' });
    expect(
      await within(spo2).findByRole('img', { name: /alerts: SpO2 85 < 90$/ }),
    ).toBeInTheDocument();
    const heartRate = screen.getByRole('figure', { name: 'Heart rate' });
    expect(within(heartRate).getByRole('img').getAttribute('aria-label')).not.toMatch(/alerts:/);
  });

  it('draws the four trend charts and switches the time window', async () => {
    renderSession('nurse', recoverySession());
    for (const name of ['Blood pressure', 'Heart rate', 'SpO2', 'Respiratory rate']) {
      expect(await screen.findByRole('figure', { name })).toBeInTheDocument();
    }
    // A chart is an image with a text alternative, and no tab stop inside it.
    const heartRate = screen.getByRole('figure', { name: 'Heart rate' });
    const plot = await within(heartRate).findByRole('img', { name: /^Heart rate .*, 1 readings/ });
    await waitFor(() => expect(plot.querySelector('svg.recharts-surface')).not.toBeNull());
    expect(
      plot.querySelectorAll('[tabindex]:not([tabindex^="-"]), [role="application"]'),
    ).toHaveLength(0);
    const recent = screen.getByRole('button', { name: 'Last 5 minutes' });
    expect(recent).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(recent);
    expect(recent).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Whole session' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
});
