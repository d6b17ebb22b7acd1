import type { Role, TreatmentCourse } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { anInfusion } from '../../../test/course.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSample } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { CourseScreen } from './course-screen';

const PATIENT_ID = 'p-1';
const DAY_MS = 24 * 3600_000;
const FIRST = Date.parse('2026-12-01T10:00:00.000Z');
const course: TreatmentCourse = {
  patientId: PATIENT_ID,
  plannedInfusions: 6,
  infusions: [1, 2, 3, 4].map((number) =>
    anInfusion({
      sessionId: `s-${number}`,
      number,
      date: new Date(FIRST + (number - 1) * 3 * DAY_MS).toISOString(),
      state: number === 4 ? 'scheduled' : 'discharged',
      peakSystolic: number === 4 ? null : 150 + number,
      closerBloodPressureWatch: number <= 3,
    }),
  ),
};

function renderCourse(role: Role = 'nurse') {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const vitalsOf = (number: number) => {
    const start = FIRST + (number - 1) * 3 * DAY_MS;
    return [0, 5, 10].map((minute) =>
      aSample({
        sessionId: `s-${number}`,
        at: new Date(start + minute * 60_000).toISOString(),
        heartRate: 80 + number + minute,
        systolic: 130 + minute,
        spo2: 97,
      }),
    );
  };
  const fetchMock = installFakeFetch({
    [`GET /patients/${PATIENT_ID}/course`]: () => jsonResponse(200, course),
    [`PUT /patients/${PATIENT_ID}/course`]: ({ body }) =>
      jsonResponse(200, { patientId: PATIENT_ID, ...(body as object) }),
    [`GET /patients/${PATIENT_ID}`]: () =>
      jsonResponse(200, {
        id: PATIENT_ID,
        mrn: 'MRN-0042',
        displayName: 'Alex Example',
        birthDate: null,
        weightKg: 70,
        createdAt: '2026-11-01T00:00:00.000Z',
      }),
    ...Object.fromEntries(
      [1, 2, 3].map((number) => [
        `GET /sessions/s-${number}/vitals`,
        () => jsonResponse(200, vitalsOf(number)),
      ]),
    ),
  });
  renderWithProviders(
    <Routes>
      <Route path="/patients/:patientId/course" element={<CourseScreen />} />
    </Routes>,
    { path: `/patients/${PATIENT_ID}/course` },
  );
  return fetchMock;
}

describe('the course screen', () => {
  it('compares the infusions side by side, the first three marked for closer blood-pressure watch', async () => {
    renderCourse();
    const table = await screen.findByRole('table', { name: 'Infusions side by side' });
    expect(await screen.findByTestId('course-patient')).toHaveTextContent(
      'Alex Example (MRN MRN-0042)',
    );
    expect(screen.getByTestId('course-progress')).toHaveTextContent(
      '3 of 6 planned infusions given.',
    );
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual([
      'Infusion',
      'Infusion 1Closer blood-pressure watch',
      'Infusion 2Closer blood-pressure watch',
      'Infusion 3Closer blood-pressure watch',
      'Infusion 4',
    ]);
    const row = within(table).getByRole('rowheader', {
      name: 'Peak blood pressure',
    }).parentElement!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['151/95 mmHg', '152/95 mmHg', '153/95 mmHg', '—/95 mmHg']);
    expect(within(table).getByRole('rowheader', { name: 'Delivered' })).toBeInTheDocument();
  });

  it('overlays the started infusions’ readings, fetched session by session', async () => {
    const fetchMock = renderCourse();
    await waitFor(() =>
      expect(screen.getByTestId('course-trend-heartRate')).toHaveAttribute('data-points', '3'),
    );
    expect(screen.getByTestId('course-trend-heartRate')).toHaveAccessibleName(
      'Heart rate of infusions 1, 2, 3',
    );
    expect(requestsTo(fetchMock, 'GET /sessions/s-4/vitals')).toHaveLength(0);
    expect(requestsTo(fetchMock, 'GET /sessions/s-2/vitals')[0]?.query.get('from')).toBe(
      course.infusions[1]?.date,
    );
  });

  it('lets a physician set the planned number of infusions, checked by the shared schema', async () => {
    const fetchMock = renderCourse('physician');
    const form = await screen.findByRole('form', { name: 'Plan the course' });
    const field = within(form).getByLabelText('Planned number of infusions');
    expect(field).toHaveValue('6');
    fireEvent.change(field, { target: { value: '40' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save plan' }));
    expect(
      within(form).getByText('Planned number of infusions must be a whole number between 1 and 30'),
    ).toBeVisible();
    expect(requestsTo(fetchMock, `PUT /patients/${PATIENT_ID}/course`)).toHaveLength(0);
    fireEvent.change(field, { target: { value: '8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save plan' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, `PUT /patients/${PATIENT_ID}/course`)[0]?.body).toEqual({
        plannedInfusions: 8,
      }),
    );
  });

  it('offers no plan to a nurse', async () => {
    renderCourse('nurse');
    await screen.findByRole('table', { name: 'Infusions side by side' });
    expect(screen.queryByRole('form', { name: 'Plan the course' })).not.toBeInTheDocument();
  });
});
