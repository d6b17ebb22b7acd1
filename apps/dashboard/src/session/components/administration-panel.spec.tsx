import type { KetamineEntry, PumpEvent, Session } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { AdministrationPanel } from './administration-panel';
import { SessionHeader } from './session-header';
import { SignOrderForm } from './sign-order-form';

const SESSION_ID = 'session-1';

const pumpEvent = (kind: PumpEvent['kind'], at: string, rateMlPerH: number): PumpEvent => ({
  id: `${kind}-${at}`,
  sessionId: SESSION_ID,
  kind,
  at,
  rateMlPerH,
  recordedBy: 'nurse',
});

/** 60 mL/h for 20 minutes, 30 mL/h for 20 more, stopped: 30 mg at 1 mg/mL, whatever the clock. */
const stoppedSession = (overrides: Partial<Session> = {}) =>
  aSession({
    state: 'recovery',
    pumpEvents: [
      pumpEvent('start', '2026-11-25T10:00:00.000Z', 60),
      pumpEvent('rate-change', '2026-11-25T10:20:00.000Z', 30),
      pumpEvent('stop', '2026-11-25T10:40:00.000Z', 0),
    ],
    deliveredMg: 30,
    ...overrides,
  });

const drawn: KetamineEntry = {
  id: 'k-1',
  sessionId: SESSION_ID,
  kind: 'drawn',
  mg: 35,
  lot: 'A12',
  at: '2026-11-25T09:55:00.000Z',
  recordedBy: 'nurse',
  witnessedBy: null,
};

function renderPanel(session: Session, routes = {}, entries: KetamineEntry[] = [drawn]) {
  authStore.clear();
  authStore.signIn(anAuthResponse('nurse'));
  const fetchMock = installFakeFetch({
    [`GET /sessions/${SESSION_ID}/ketamine`]: () =>
      jsonResponse(200, { entries, balance: { note: 'the screen balances it itself' } }),
    ...routes,
  });
  renderWithProviders(<AdministrationPanel session={session} mayRecord />);
  return fetchMock;
}

describe('the administration panel', () => {
  it('shows the pump record with times and rates, and the dose it delivered', async () => {
    renderPanel(stoppedSession());

    expect(screen.getByTestId('delivered-mg')).toHaveTextContent('30.0 mg of 35 mg');
    expect(screen.getByTestId('pump-rate')).toHaveTextContent('0 mL/h');
    const events = screen.getAllByTestId('pump-event').map((item) => item.textContent);
    expect(events[0]).toContain('Pump started, 60 mL/h');
    expect(events[1]).toContain('Rate changed, 30 mL/h');
    expect(events[2]).toContain('Pump stopped, at rest');
    expect(await screen.findByTestId('ketamine-balance')).toHaveTextContent(
      'Drawn 35.0 mg − given 30.0 mg − wasted 0.0 mg = 5.0 mg unaccounted for',
    );
    expect(screen.getByTestId('ketamine-entry')).toHaveTextContent('Drawn 35.0 mg (lot A12)');
  });

  it('says when the pump gave ketamine and no draw is on record', async () => {
    renderPanel(stoppedSession(), {}, []);
    expect(await screen.findByTestId('ketamine-balance')).toHaveTextContent(
      'Drawn 0.0 mg − given 30.0 mg − wasted 0.0 mg = -30.0 mg: given, but no draw recorded',
    );
  });

  it('keeps counting the delivered dose while the pump runs', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T10:30:00.000Z') });
    try {
      renderPanel(aSession({ pumpEvents: [pumpEvent('start', '2026-11-25T10:00:00.000Z', 60)] }));
      expect(screen.getByTestId('delivered-mg')).toHaveTextContent('30.0 mg');
    } finally {
      jest.useRealTimers();
    }
  });

  it('records a rate change while infusing, checked by the shared schema first', async () => {
    const session = aSession({
      pumpEvents: [pumpEvent('start', '2026-11-25T10:00:00.000Z', 52.5)],
    });
    const fetchMock = renderPanel(session, {
      [`POST /sessions/${SESSION_ID}/pump-events`]: () => jsonResponse(201, session),
    });
    const form = screen.getByRole('form', { name: 'Change the pump rate' });

    fireEvent.change(within(form).getByLabelText('New rate (mL/h)'), { target: { value: '5000' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the rate change' }));
    expect(await within(form).findByText(/must be between 0.1 and 999 mL\/h/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/pump-events`)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('New rate (mL/h)'), { target: { value: '40' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the rate change' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/pump-events`)).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/pump-events`)[0]?.body).toEqual({
      kind: 'rate-change',
      rateMlPerH: 40,
    });
  });

  it('offers no rate change once the pump has stopped', () => {
    renderPanel(stoppedSession());
    expect(screen.queryByRole('form', { name: 'Change the pump rate' })).not.toBeInTheDocument();
  });

  it('records a draw with its lot', async () => {
    const fetchMock = renderPanel(stoppedSession(), {
      [`POST /sessions/${SESSION_ID}/ketamine/draw`]: () => jsonResponse(201, drawn),
    });
    const form = screen.getByRole('form', { name: 'Record a draw' });
    fireEvent.change(within(form).getByLabelText('Drawn (mg)'), { target: { value: '35' } });
    fireEvent.change(within(form).getByLabelText('Lot'), { target: { value: 'A12' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the draw' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/ketamine/draw`)).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/ketamine/draw`)[0]?.body).toEqual({
      mg: 35,
      lot: 'A12',
    });
  });

  it('sends the witness’s own credentials and clears the password as it sends', async () => {
    const fetchMock = renderPanel(stoppedSession(), {
      [`POST /sessions/${SESSION_ID}/ketamine/waste`]: () =>
        jsonResponse(201, { ...drawn, id: 'k-2', kind: 'wasted', mg: 5, witnessedBy: 'nurse2' }),
    });
    const form = screen.getByRole('form', { name: 'Record a witnessed waste' });
    const password = within(form).getByLabelText('Witness password');
    expect(password).toHaveAttribute('type', 'password');

    fireEvent.change(within(form).getByLabelText('Wasted (mg)'), { target: { value: '5' } });
    fireEvent.change(within(form).getByLabelText('Witness username'), {
      target: { value: 'nurse2' },
    });
    fireEvent.change(password, { target: { value: 'their-own-secret' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the witnessed waste' }));

    expect(password).toHaveValue('');
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/ketamine/waste`)).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/ketamine/waste`)[0]?.body).toEqual({
      mg: 5,
      witness: { username: 'nurse2', password: 'their-own-secret' },
    });
    await waitFor(() => expect(within(form).getByLabelText('Witness username')).toHaveValue(''));
  });

  it('says why a witness was refused, and the password is gone all the same', async () => {
    renderPanel(stoppedSession(), {
      [`POST /sessions/${SESSION_ID}/ketamine/waste`]: () =>
        nestError(403, 'the waste is witnessed by a second nurse or physician', 'Forbidden', {
          code: 'WITNESS_NOT_SECOND_CLINICIAN',
        }),
    });
    const form = screen.getByRole('form', { name: 'Record a witnessed waste' });
    fireEvent.change(within(form).getByLabelText('Wasted (mg)'), { target: { value: '5' } });
    fireEvent.change(within(form).getByLabelText('Witness username'), {
      target: { value: 'nurse' },
    });
    fireEvent.change(within(form).getByLabelText('Witness password'), {
      target: { value: 'secret' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the witnessed waste' }));

    expect(await within(form).findByText('Waste refused:')).toBeInTheDocument();
    expect(within(form).getByLabelText('Witness password')).toHaveValue('');
    expect(within(form).getByLabelText('Witness username')).toHaveValue('nurse');
  });

  it('shows the record closed once what was drawn is given or wasted', async () => {
    const wasted: KetamineEntry = {
      ...drawn,
      id: 'k-2',
      kind: 'wasted',
      mg: 5,
      lot: null,
      witnessedBy: 'nurse2',
    };
    renderPanel(stoppedSession(), {}, [drawn, wasted]);
    expect(await screen.findByTestId('ketamine-balance')).toHaveTextContent('= 0.0 mg (balanced)');
    expect(screen.getAllByTestId('ketamine-entry')[1]).toHaveTextContent(
      'Wasted 5.0 mg by nurse, witnessed by nurse2',
    );
  });
});

describe('the order in the pump’s terms', () => {
  it('shows the pump rate the order comes to and signs the concentration with it', async () => {
    authStore.clear();
    authStore.signIn(anAuthResponse('physician'));
    const session = aSession({ state: 'assessed', order: null, patientId: 'p-1' });
    const fetchMock = installFakeFetch({
      'GET /patients/p-1': () =>
        jsonResponse(200, { id: 'p-1', mrn: 'MRN-1', displayName: 'Jo Doe', weightKg: 70 }),
      [`POST /sessions/${SESSION_ID}/order`]: () => jsonResponse(201, session),
    });
    renderWithProviders(<SignOrderForm session={session} />);

    fireEvent.change(screen.getByLabelText('Concentration (mg/mL)'), { target: { value: '2' } });
    // 0.5 mg/kg × 70 kg = 35 mg = 17.5 mL at 2 mg/mL, over 40 min = 26.3 mL/h.
    expect(await screen.findByTestId('order-pump-rate')).toHaveTextContent(
      'Pump 26.3 mL/h (17.5 mL at 2 mg/mL)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign order' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/order`)).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/order`)[0]?.body).toMatchObject({
      doseMgPerKg: 0.5,
      plannedDurationMin: 40,
      concentrationMgPerMl: 2,
    });
  });

  it('heads the session with the pump rate, the strength and the dose delivered', () => {
    renderWithProviders(<SessionHeader session={stoppedSession()} />);
    expect(screen.getByTestId('session-dose')).toHaveTextContent('52.5 mL/h at 1 mg/mL');
    expect(screen.getByTestId('session-delivered')).toHaveTextContent('Delivered 30.0 mg');
  });
});
