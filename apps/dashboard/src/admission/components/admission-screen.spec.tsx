import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Patient, Role } from '@vigil/shared';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import {
  installFakeFetch,
  jsonResponse,
  nestError,
  requestsTo,
  type FakeRoute,
} from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { AdmissionScreen } from './admission-screen';

const PATIENT_ID = '6f1c0f8e-3b7a-4c1e-9a52-2d4f7b1e8c01';
const NURSE_ID = '0b0c4c56-6a43-4d55-8f0e-0f6a2b3c4d01';
const PHYSICIAN_ID = '0b0c4c56-6a43-4d55-8f0e-0f6a2b3c4d02';

const anna: Patient = {
  id: PATIENT_ID,
  mrn: 'MRN-4411',
  displayName: 'Anna Berg',
  birthDate: '1980-03-14',
  weightKg: 80,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function installAdmissionApi(overrides: Record<string, FakeRoute> = {}) {
  return installFakeFetch({
    'GET /patients': ({ query }) =>
      jsonResponse(200, query.get('query')?.toLowerCase().startsWith('be') ? [anna] : []),
    'GET /bays': () =>
      jsonResponse(
        200,
        ['1', '2', '3'].map((bay) => ({ bay, sessionId: null, state: null })),
      ),
    'GET /clinicians': () =>
      jsonResponse(200, [
        { id: NURSE_ID, displayName: 'Nora Nurse', role: 'nurse' },
        { id: PHYSICIAN_ID, displayName: 'Dr Paul', role: 'physician' },
      ]),
    'GET /threshold-profiles': () => jsonResponse(200, []),
    'POST /sessions': () => jsonResponse(201, aSession({ id: 'new-session', state: 'scheduled' })),
    ...overrides,
  });
}

function renderAdmission(role: Role, path = '/admit') {
  authStore.signIn(anAuthResponse(role));
  return renderWithProviders(
    <Routes>
      <Route path="/admit" element={<AdmissionScreen />} />
      <Route path="/sessions/:sessionId" element={<p>The new session’s screen</p>} />
    </Routes>,
    { path },
  );
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('AdmissionScreen', () => {
  beforeEach(() => authStore.clear());

  it('searches the register once two characters are typed and typing pauses, showing name and MRN', async () => {
    const fetchMock = installAdmissionApi();
    renderAdmission('nurse');

    type('Name or MRN', 'B');
    type('Name or MRN', 'Be');
    type('Name or MRN', 'Ber');
    const results = await screen.findByTestId('patient-results');
    expect(within(results).getByText('Anna Berg')).toBeInTheDocument();
    expect(within(results).getByText('MRN MRN-4411')).toBeInTheDocument();
    // One audited read for the pause, none for a single character or each key.
    expect(
      requestsTo(fetchMock, 'GET /patients').map((request) => request.query.get('query')),
    ).toEqual(['Ber']);

    type('Name or MRN', 'zz');
    expect(await screen.findByText('No patient matches. Register them below.')).toBeInTheDocument();
  });

  it('schedules a nurse’s draft order in the chair it was opened for, then opens the session', async () => {
    const fetchMock = installAdmissionApi();
    renderAdmission('nurse', '/admit?bay=2');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Admit a patient to bay 2');

    type('Name or MRN', 'Berg');
    fireEvent.click(await screen.findByRole('button', { name: 'Choose' }));
    expect(screen.getByTestId('chosen-patient')).toHaveTextContent('Anna Berg');
    expect(screen.getByTestId('chosen-patient')).toHaveTextContent('MRN MRN-4411');
    expect(screen.getByText('Dose order (draft for a physician)')).toBeInTheDocument();
    expect(screen.getByLabelText('Chair')).toHaveValue('2');
    expect(screen.getByTestId('order-total')).toHaveTextContent('40 mg total for 80 kg');
    expect(screen.getByTestId('order-pump-rate')).toHaveTextContent('Pump 60 mL/h');

    type('Date and time', '2026-11-25T13:30');
    fireEvent.change(screen.getByLabelText('Indication'), {
      target: { value: 'alcohol-use-disorder' },
    });
    await screen.findByRole('option', { name: 'Nora Nurse' });
    fireEvent.change(screen.getByLabelText('Assigned nurse'), { target: { value: NURSE_ID } });
    fireEvent.change(screen.getByLabelText('Supervising physician'), {
      target: { value: PHYSICIAN_ID },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule session' }));

    expect(await screen.findByText('The new session’s screen')).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /sessions')[0]?.body).toEqual({
      patientId: PATIENT_ID,
      bay: '2',
      indication: 'alcohol-use-disorder',
      doseMgPerKg: 0.5,
      plannedDurationMin: 40,
      concentrationMgPerMl: 1,
      scheduledAt: new Date(2026, 10, 25, 13, 30).toISOString(),
      assignedNurseId: NURSE_ID,
      supervisingPhysicianId: PHYSICIAN_ID,
    });
  });

  it('asks for the clinical reason of a dose above 1 mg/kg before anything is sent', async () => {
    const fetchMock = installAdmissionApi();
    renderAdmission('physician', '/admit?bay=1');
    type('Name or MRN', 'Berg');
    fireEvent.click(await screen.findByRole('button', { name: 'Choose' }));
    expect(screen.getByText('Dose order (signed by you)')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Indication'), { target: { value: 'depression' } });
    type('Dose (mg/kg)', '1.5');
    fireEvent.click(screen.getByRole('button', { name: 'Schedule session' }));

    expect(
      await screen.findByText(/Reason for a dose above 1 mg\/kg must give/),
    ).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /sessions')).toHaveLength(0);
  });

  it('words a chair that already has a live session', async () => {
    installAdmissionApi({
      'POST /sessions': () =>
        nestError(409, 'bay 2 already has a live session', 'Conflict', {
          code: 'BAY_OCCUPIED',
          details: { bay: '2' },
        }),
    });
    renderAdmission('physician', '/admit?bay=2');
    type('Name or MRN', 'Berg');
    fireEvent.click(await screen.findByRole('button', { name: 'Choose' }));
    fireEvent.change(screen.getByLabelText('Indication'), { target: { value: 'depression' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule session' }));
    expect(await screen.findByText('Bay 2 already has a live session.')).toBeInTheDocument();
  });

  it('registers a new patient by the shared schema, names a taken MRN beside its field, then schedules them', async () => {
    let taken = true;
    const fetchMock = installAdmissionApi({
      'POST /patients': ({ body }) =>
        taken
          ? nestError(409, 'mrn already registered', 'Conflict', { code: 'MRN_TAKEN' })
          : jsonResponse(201, { ...anna, ...(body as object) }),
    });
    renderAdmission('nurse');

    fireEvent.click(screen.getByRole('button', { name: 'Register patient' }));
    await waitFor(() =>
      expect(screen.getByText(/^Full name must not be empty/)).toBeInTheDocument(),
    );
    expect(requestsTo(fetchMock, 'POST /patients')).toHaveLength(0);

    type('Full name', 'Anna Berg');
    type('Date of birth', '1980-03-14');
    type('MRN', 'MRN-4411');
    type('Weight (kg)', '80');
    fireEvent.click(screen.getByRole('button', { name: 'Register patient' }));
    expect(
      await screen.findByText('MRN is already registered to another patient'),
    ).toBeInTheDocument();

    taken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Register patient' }));
    expect(await screen.findByTestId('chosen-patient')).toHaveTextContent('Anna Berg');
    expect(requestsTo(fetchMock, 'POST /patients')[1]?.body).toEqual({
      displayName: 'Anna Berg',
      birthDate: '1980-03-14',
      mrn: 'MRN-4411',
      weightKg: 80,
    });
  });
});
