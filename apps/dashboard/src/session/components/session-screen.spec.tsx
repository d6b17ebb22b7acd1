import type { Assessment, Role, Session, TimelineEvent } from '@vigil/shared';
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
    expect(heading).toHaveTextContent('JD');
    expect(screen.getByTestId('patient-initials')).toHaveTextContent('JD');
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

  it('lists the reasons the server gives for refusing to start', async () => {
    renderSession('nurse', assessedSession(), {
      [`POST /sessions/${SESSION_ID}/start`]: () =>
        nestError(409, ['contraindication flagged without a physician override'], 'Conflict'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start infusion' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Start refused');
    expect(alert).toHaveTextContent('contraindication flagged without a physician override');
  });

  it('lists each unmet discharge criterion the server names', async () => {
    const fetchMock = renderSession('nurse', recoverySession(), {
      [`POST /sessions/${SESSION_ID}/discharge`]: () =>
        nestError(
          409,
          [
            'modified Aldrete score 8 < 9',
            'heartRate 110 is not within 20 % of baseline 80',
            'no escort present',
          ],
          'Conflict',
        ),
    });
    const form = await screen.findByRole('form', { name: 'Discharge' });
    fireEvent.change(within(form).getByLabelText('Modified Aldrete score'), {
      target: { value: '8' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Discharge patient' }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Discharge refused — criteria not met');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'modified Aldrete score 8 < 9',
      'heartRate 110 is not within 20 % of baseline 80',
      'no escort present',
    ]);
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/discharge`)[0]?.body).toEqual({
      aldreteScore: 8,
      escortPresent: false,
    });
  });

  it('asks for confirmation before aborting', async () => {
    const fetchMock = renderSession('nurse', recoverySession(), {
      [`POST /sessions/${SESSION_ID}/abort`]: () =>
        jsonResponse(200, { ...recoverySession(), state: 'aborted', allowedActions: [] }),
    });
    const form = await screen.findByRole('form', { name: 'Abort session' });
    fireEvent.change(within(form).getByLabelText('Abort reason'), {
      target: { value: 'patient request' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Abort session…' }));
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/abort`)).toHaveLength(0);

    fireEvent.click(within(form).getByRole('button', { name: 'Confirm abort' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/abort`)[0]?.body).toEqual({
        reason: 'patient request',
      }),
    );
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
    expect(items[2]).toHaveTextContent('nurse');
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
