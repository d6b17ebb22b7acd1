import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aPatientSummary, aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionSearchScreen } from './session-search-screen';

const OLDER = aSession({
  id: 'session-older',
  bay: '2',
  patient: aPatientSummary({
    id: 'p-1',
    initials: 'AL',
    displayName: 'Ada Lovelace',
    mrn: 'MRN-1815',
  }),
  state: 'discharged',
  createdAt: '2026-11-24T09:00:00.000Z',
  endedAt: '2026-11-24T10:00:00.000Z',
});
const NEWER = aSession({
  id: 'session-newer',
  bay: '5',
  patient: aPatientSummary({ id: 'p-2', initials: 'BF' }),
  createdAt: '2026-11-25T09:00:00.000Z',
});

function Location() {
  const location = useLocation();
  return (
    <div data-testid="location">
      {location.pathname}
      {location.search}
    </div>
  );
}

function renderSearch(path = '/audit/sessions', answer = () => jsonResponse(200, [OLDER, NEWER])) {
  const fetchMock = installFakeFetch({ 'GET /sessions': answer });
  renderWithProviders(
    <Routes>
      <Route
        path="/audit/sessions"
        element={
          <>
            <SessionSearchScreen />
            <Location />
          </>
        }
      />
      <Route path="/audit/sessions/:sessionId" element={<p>log screen</p>} />
    </Routes>,
    { path },
  );
  return fetchMock;
}

const typeInto = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('SessionSearchScreen', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('auditor'));
  });

  it('reads no patient record until a filter is set, and says why', async () => {
    const fetchMock = renderSearch();
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Set at least one filter to search.',
    );
    expect(requestsTo(fetchMock, 'GET /sessions')).toHaveLength(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('searches by patient, clinician and alert priority, keeps the search in the address, and lists the newest first', async () => {
    const fetchMock = renderSearch();
    typeInto('Patient', ' MRN-1 ');
    typeInto('Clinician', 'nina');
    fireEvent.change(screen.getByLabelText('Had an alert of priority'), {
      target: { value: 'high' },
    });
    typeInto('From', '2026-11-24T00:00');
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    const rows = await screen.findAllByTestId(/^session-result-/);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['5', '2']);
    const query = requestsTo(fetchMock, 'GET /sessions')[0]!.query;
    expect(Object.fromEntries(query)).toEqual({
      from: new Date('2026-11-24T00:00').toISOString(),
      patient: 'MRN-1',
      clinician: 'nina',
      priority: 'high',
    });
    expect(screen.getByTestId('session-search-count')).toHaveTextContent('2 sessions');
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/audit/sessions?${new URLSearchParams(Object.fromEntries(query)).toString()}`,
    );
  });

  it('shows each session with its patient’s name and MRN, state and times, linked to its log', async () => {
    renderSearch('/audit/sessions?bay=2');
    const row = await screen.findByTestId('session-result-session-older');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      '2',
      'Ada Lovelace (MRN MRN-1815)',
      'Alcohol use disorder',
      'Discharged',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      'Open log of bay 2',
    ]);
    fireEvent.click(within(row).getByRole('link', { name: 'Open log of bay 2' }));
    expect(await screen.findByText('log screen')).toBeInTheDocument();
  });

  it('opens with the search of a shared address, and says when nothing matches', async () => {
    const fetchMock = renderSearch('/audit/sessions?patient=Nobody', () => jsonResponse(200, []));
    expect(await screen.findByText('No session matches this search.')).toBeInTheDocument();
    expect(screen.getByLabelText('Patient')).toHaveValue('Nobody');
    expect(requestsTo(fetchMock, 'GET /sessions')[0]?.query.get('patient')).toBe('Nobody');
  });

  it('names a too-short patient beside the field and asks nothing', () => {
    const fetchMock = renderSearch();
    typeInto('Patient', 'A');
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByLabelText('Patient')).toHaveAccessibleDescription(
      'Part of the MRN or the name Patient must name a patient (at least 2 characters)',
    );
    expect(requestsTo(fetchMock, 'GET /sessions')).toHaveLength(0);
  });

  it('searches again when the same search is asked for again', async () => {
    const fetchMock = renderSearch('/audit/sessions?bay=2');
    await screen.findByTestId('session-result-session-older');
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /sessions')).toHaveLength(2));
  });

  it('clears the search and its results', async () => {
    renderSearch('/audit/sessions?bay=2');
    await screen.findByTestId('session-result-session-older');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/audit\/sessions$/),
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Bay')).toHaveValue('');
  });

  it('says why a search failed', async () => {
    renderSearch('/audit/sessions?bay=2', () => nestError(403, 'Forbidden resource'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not search: Not allowed — your role may not do this (Forbidden resource)',
    );
  });
});
