import { DEFAULT_THRESHOLD_PROFILE, type Role, type TimelineEvent } from '@vigil/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { RecoveryView } from './recovery-view';

const SESSION_ID = 'session-1';
const OBSERVATIONS = `POST /sessions/${SESSION_ID}/observations`;
const INSTRUCTIONS = `POST /sessions/${SESSION_ID}/discharge-instructions`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function check(minutes: number): TimelineEvent {
  return {
    at: minutesAgo(minutes),
    kind: 'observation',
    actor: 'nurse',
    summary: 'dissociation (mild) · MOAAS 5, CADSS-6 3',
    detail: { scores: { moaas: 5, cadss6: 3 } },
  };
}

function renderRecovery({
  role = 'nurse',
  stoppedMinutesAgo = 17,
  log = [],
}: { role?: Role; stoppedMinutesAgo?: number; log?: TimelineEvent[] } = {}) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const fetchMock = installFakeFetch({
    [OBSERVATIONS]: () => jsonResponse(201, {}),
    [INSTRUCTIONS]: () =>
      jsonResponse(201, {
        sessionId: SESSION_ID,
        version: 1,
        givenAt: '2026-12-01T11:00:00.000Z',
        givenBy: 'nurse.joy',
      }),
    [`GET /sessions/${SESSION_ID}/log`]: () => jsonResponse(200, log),
  });
  const endedAt = minutesAgo(stoppedMinutesAgo);
  const session = aSession({
    state: 'recovery',
    endedAt,
    allowedActions: ['discharge'],
    latestVitals: {
      spo2: { value: 97, at: minutesAgo(0) },
      heartRate: { value: 81.6, at: minutesAgo(0) },
      systolic: { value: 138, at: minutesAgo(2) },
      diastolic: { value: 86, at: minutesAgo(2) },
    },
  });
  renderWithProviders(
    <RecoveryView
      session={session}
      recoveryStartedAt={endedAt}
      limits={{ ...DEFAULT_THRESHOLD_PROFILE, recoveryMinimumMin: 45 }}
      log={log}
      role={role}
      mayRecord={role !== 'auditor'}
    />,
  );
  return fetchMock;
}

describe('the recovery view', () => {
  it('counts the minutes since the stop against the session’s minimum and prompts the due check with the vitals', () => {
    renderRecovery();
    expect(screen.getByTestId('recovery-clock')).toHaveTextContent(
      '17 min since the infusion stopped; minimum 45 min (28 min to go).',
    );
    expect(screen.getByTestId('recovery-check-due')).toHaveTextContent(
      'Recovery check due (2 min late): look at the vitals, score MOAA/S and CADSS-6.',
    );
    expect(screen.getByTestId('glance-blood-pressure')).toHaveTextContent('138/86 mmHg');
    expect(screen.getByTestId('glance-heartRate')).toHaveTextContent('82 bpm');
    expect(screen.getByTestId('glance-spo2')).toHaveTextContent('97 %');
  });

  it('asks for no check within 15 minutes of the last one recorded, and lists the checks', () => {
    renderRecovery({ stoppedMinutesAgo: 40, log: [check(10)] });
    expect(screen.queryByTestId('recovery-check-due')).not.toBeInTheDocument();
    expect(screen.getByTestId('recovery-next-check')).toHaveTextContent('Next recovery check at');
    expect(screen.getByRole('list', { name: 'Recovery checks recorded' })).toHaveTextContent(
      'MOAA/S 5 · CADSS-6 3',
    );
  });

  it('records a check as an observation carrying MOAA/S and CADSS-6, and refuses one without both', async () => {
    const fetchMock = renderRecovery();
    const form = screen.getByRole('form', { name: 'Record a recovery check' });
    fireEvent.change(within(form).getByLabelText('MOAA/S'), { target: { value: '4' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record check' }));
    expect(within(form).getByText('CADSS-6 must be scored at every recovery check')).toBeVisible();
    expect(requestsTo(fetchMock, OBSERVATIONS)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('CADSS-6'), { target: { value: '25' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record check' }));
    expect(within(form).getByText('CADSS-6 must be a whole number between 0 and 24')).toBeVisible();
    expect(requestsTo(fetchMock, OBSERVATIONS)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('CADSS-6'), { target: { value: '7' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record check' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Recovery check recorded.');
    expect(requestsTo(fetchMock, OBSERVATIONS)[0]?.body).toEqual({
      type: 'dissociation',
      severity: 'mild',
      scores: { moaas: 4, cadss6: 7 },
    });
  });

  it('prints the shared instructions with the escort typed in the discharge form, and records them as given', async () => {
    const fetchMock = renderRecovery();
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const discharge = screen.getByRole('form', { name: 'Discharge' });
    fireEvent.change(within(discharge).getByLabelText('Escort’s name'), {
      target: { value: 'Sam Carer' },
    });
    fireEvent.change(within(discharge).getByLabelText('Escort’s phone (optional)'), {
      target: { value: '555 0100' },
    });
    expect(screen.getByTestId('recovery-escort')).toHaveTextContent('Sam Carer, 555 0100');
    const sheet = screen.getByRole('article', { name: /After your treatment today/ });
    expect(sheet).toHaveTextContent('Do not drive, cycle or operate machinery for 24 hours.');
    expect(sheet).toHaveTextContent('Do not drink alcohol for 24 hours.');
    expect(sheet).toHaveTextContent('Going home with: Sam Carer, 555 0100.');

    fireEvent.click(screen.getByRole('button', { name: 'Print instructions' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body.dataset['printing']).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: 'Given to the patient' }));
    expect(
      await screen.findByText(/Instructions \(version 1\) recorded as given at .* by nurse\.joy\./),
    ).toBeInTheDocument();
    expect(requestsTo(fetchMock, INSTRUCTIONS)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Given to the patient' })).toBeDisabled();
    print.mockRestore();
  });

  it('shows an auditor the clock and the instructions but nothing that records', () => {
    renderRecovery({ role: 'auditor' });
    expect(screen.getByTestId('recovery-clock')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Given to the patient' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print instructions' })).toBeInTheDocument();
  });
});
