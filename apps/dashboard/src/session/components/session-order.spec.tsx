import { DEFAULT_THRESHOLD_PROFILE, type Role, type Session } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionScreen } from './session-screen';

const SESSION_ID = 's-4';

/** A session a nurse scheduled: the dose waits for a physician's signature. */
const unsigned = (overrides: Partial<Session> = {}) =>
  aSession({
    id: SESSION_ID,
    patientId: 'p-4',
    bay: '4',
    state: 'assessed',
    startedAt: null,
    order: null,
    doseMgPerKg: 0.5,
    totalDoseMg: 35,
    assessment: {
      baseline: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98 },
      checklist: {
        consent: true,
        fasting: true,
        escortHome: true,
        psychiatricEvaluation: true,
        medicationsReviewed: true,
        pregnancyTest: 'not-applicable',
      },
      flags: [],
      assessedAt: '2026-11-25T09:55:00.000Z',
      assessedBy: 'nurse',
    },
    allowedActions: ['assess', 'start', 'abort'],
    ...overrides,
  });

function renderSession(role: Role, session: Session, routes = {}) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const fetchMock = installFakeFetch({
    [`GET /sessions/${SESSION_ID}`]: () => jsonResponse(200, session),
    [`GET /sessions/${SESSION_ID}/vitals`]: () => jsonResponse(200, []),
    [`GET /sessions/${SESSION_ID}/log`]: () => jsonResponse(200, []),
    [`GET /sessions/${SESSION_ID}/limits`]: () => jsonResponse(200, DEFAULT_THRESHOLD_PROFILE),
    'GET /alerts': () => jsonResponse(200, []),
    'GET /patients/p-4': () =>
      jsonResponse(200, {
        id: 'p-4',
        mrn: 'MRN-4',
        displayName: 'Jo Doe',
        birthDate: null,
        weightKg: 70,
        createdAt: '2026-11-01T09:00:00.000Z',
      }),
    ...routes,
  });
  renderWithProviders(
    <Routes>
      <Route path="/sessions/:sessionId" element={<SessionScreen />} />
    </Routes>,
    { path: `/sessions/${SESSION_ID}` },
  );
  return fetchMock;
}

describe('the physician’s order on the session screen', () => {
  it('tells a nurse the dose waits for a signature, and shows Start disabled with that reason', async () => {
    const fetchMock = renderSession('nurse', unsigned());

    expect(await screen.findByTestId('order-status')).toHaveTextContent(
      'Waiting for a physician’s signature',
    );
    const start = screen.getByRole('button', { name: 'Start infusion' });
    expect(start).toBeDisabled();
    expect(start).toHaveAccessibleDescription(
      'Waiting for a physician’s signature: the infusion can start once a physician has signed the dose order.',
    );
    expect(screen.queryByRole('form', { name: 'Sign order' })).not.toBeInTheDocument();
    fireEvent.click(start);
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/start`)).toHaveLength(0);
  });

  it('names who signed the order by their name, and when, and offers Start', async () => {
    const signedAt = new Date(2026, 10, 25, 9, 45).toISOString();
    renderSession(
      'nurse',
      unsigned({
        order: {
          doseMgPerKg: 0.5,
          plannedDurationMin: 40,
          signedBy: 'dayphysician',
          signedByName: 'Dr Pat Okafor',
          signedAt,
        },
      }),
    );

    expect(await screen.findByTestId('order-status')).toHaveTextContent(
      'Order signed by Dr Pat Okafor at 09:45',
    );
    expect(screen.getByRole('button', { name: 'Start infusion' })).toBeEnabled();
  });

  it('names the signer by username for an order signed before names were kept with it', async () => {
    const signedAt = new Date(2026, 10, 25, 9, 45).toISOString();
    renderSession(
      'nurse',
      unsigned({
        order: { doseMgPerKg: 0.5, plannedDurationMin: 40, signedBy: 'dr.house', signedAt },
      }),
    );

    expect(await screen.findByTestId('order-status')).toHaveTextContent(
      'Order signed by dr.house at 09:45',
    );
  });

  it('lets a physician sign, with the total for the patient’s weight', async () => {
    const signed = unsigned({
      revision: 2,
      order: {
        doseMgPerKg: 0.75,
        plannedDurationMin: 40,
        signedBy: 'physician',
        signedAt: '2026-11-25T09:58:00.000Z',
      },
      doseMgPerKg: 0.75,
      totalDoseMg: 52.5,
    });
    const fetchMock = renderSession('physician', unsigned(), {
      [`POST /sessions/${SESSION_ID}/order`]: () => jsonResponse(200, signed),
    });

    const form = await screen.findByRole('form', { name: 'Sign order' });
    expect(await within(form).findByTestId('order-total')).toHaveTextContent(
      '35 mg total for 70 kg',
    );
    fireEvent.change(within(form).getByLabelText('Dose (mg/kg)'), { target: { value: '0.75' } });
    expect(within(form).getByTestId('order-total')).toHaveTextContent('52.5 mg total for 70 kg');
    fireEvent.click(within(form).getByRole('button', { name: 'Sign order' }));

    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/order`)[0]?.body).toEqual({
        doseMgPerKg: 0.75,
        plannedDurationMin: 40,
        concentrationMgPerMl: 1,
      }),
    );
    expect(await screen.findByText(/Order signed by physician at/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start infusion' })).toBeEnabled();
  });

  it('asks for the clinical reason of a dose above 1 mg/kg, and sends nothing without it', async () => {
    const fetchMock = renderSession('physician', unsigned(), {
      [`POST /sessions/${SESSION_ID}/order`]: () => jsonResponse(200, unsigned()),
    });
    const form = await screen.findByRole('form', { name: 'Sign order' });
    expect(
      within(form).queryByLabelText('Reason for a dose above 1 mg/kg'),
    ).not.toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText('Dose (mg/kg)'), { target: { value: '1.2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Sign order' }));

    expect(await within(form).findByText(/must give the clinical reason/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/order`)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Reason for a dose above 1 mg/kg'), {
      target: { value: 'Partial response at 1 mg/kg over four sessions' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Sign order' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `POST /sessions/${SESSION_ID}/order`)[0]?.body).toEqual({
        doseMgPerKg: 1.2,
        plannedDurationMin: 40,
        concentrationMgPerMl: 1,
        highDoseReason: 'Partial response at 1 mg/kg over four sessions',
      }),
    );
  });

  it('asks why for a duration outside 40–60 minutes', async () => {
    renderSession('physician', unsigned());
    const form = await screen.findByRole('form', { name: 'Sign order' });
    expect(
      within(form).queryByLabelText('Reason for a duration outside 40–60 min'),
    ).not.toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText('Planned duration (min)'), {
      target: { value: '30' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Sign order' }));

    expect(
      within(form).getByLabelText('Reason for a duration outside 40–60 min'),
    ).toBeInTheDocument();
    expect(
      await within(form).findByText(/Planned duration \(min\) must be between 40 and 60/),
    ).toBeInTheDocument();
  });

  it('words a start refused for want of an order by its code', async () => {
    const signedAt = '2026-11-25T09:45:00.000Z';
    renderSession(
      'nurse',
      unsigned({
        order: { doseMgPerKg: 0.5, plannedDurationMin: 40, signedBy: 'dr.house', signedAt },
      }),
      {
        [`POST /sessions/${SESSION_ID}/start`]: () =>
          nestError(409, 'no signed order', 'Conflict', { code: 'ORDER_REQUIRED' }),
      },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Start infusion' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A physician must sign the dose order before the infusion starts.',
    );
  });

  it('offers no order form once the infusion has begun', async () => {
    renderSession('physician', aSession({ id: SESSION_ID, patientId: 'p-4' }));
    await screen.findByTestId('order-status');
    expect(screen.queryByRole('form', { name: 'Sign order' })).not.toBeInTheDocument();
  });
});
