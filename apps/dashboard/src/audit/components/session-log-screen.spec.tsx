import type { TimelineEvent } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aPatientSummary, aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionLogScreen } from './session-log-screen';

const SESSION = aSession({
  id: 'session-7',
  bay: '7',
  patient: aPatientSummary({
    id: 'p-7',
    initials: 'AL',
    displayName: 'Ada Lovelace',
    mrn: 'MRN-1815',
  }),
  state: 'discharged',
  thresholdProfileId: 'icu',
});

const TIMELINE: TimelineEvent[] = [
  {
    at: '2026-11-25T10:00:00.000Z',
    kind: 'state',
    actor: 'nurse',
    summary: 'Infusion started',
    detail: {},
  },
  {
    at: '2026-11-25T10:12:00.000Z',
    kind: 'alert',
    actor: 'system:alert-engine',
    summary: 'Alert raised: SpO2 88 < 90',
    detail: {},
  },
];

/** A file answer, as the server sends the CSV and the PDF. */
function fileResponse(content: string, type: string): Response {
  return {
    ok: true,
    status: 200,
    statusText: '',
    blob: () => Promise.resolve(new Blob([content], { type })),
  } as Response;
}

function renderLog(sessionAnswer = () => jsonResponse(200, SESSION)) {
  const fetchMock = installFakeFetch({
    'GET /sessions/session-7': sessionAnswer,
    'GET /sessions/session-7/log': () => jsonResponse(200, TIMELINE),
    'GET /sessions/session-7/log.csv': () => fileResponse('at,kind\n', 'text/csv'),
    'GET /sessions/session-7/report.pdf': () => fileResponse('%PDF-1.7', 'application/pdf'),
  });
  renderWithProviders(
    <Routes>
      <Route path="/audit/sessions/:sessionId" element={<SessionLogScreen />} />
      <Route path="/audit/sessions" element={<p>search screen</p>} />
      <Route path="/sessions/:sessionId" element={<p>session screen</p>} />
    </Routes>,
    { path: '/audit/sessions/session-7' },
  );
  return fetchMock;
}

describe('SessionLogScreen', () => {
  const savedFiles: string[] = [];

  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('auditor'));
    savedFiles.length = 0;
    URL.createObjectURL = jest.fn(() => 'blob:vigil');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      savedFiles.push(this.download);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('shows the session’s facts and its whole timeline, from the audit trail', async () => {
    renderLog();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Session log — bay 7' }),
    ).toBeInTheDocument();
    const facts = screen.getByTestId('session-facts');
    const fact = (term: string) => within(facts).getByText(term).nextElementSibling;
    expect(fact('Patient')).toHaveTextContent('Ada Lovelace (MRN MRN-1815)');
    expect(fact('State')).toHaveTextContent('Discharged');
    expect(fact('Threshold profile')).toHaveTextContent('icu');
    expect(fact('Ended')).toHaveTextContent('—');
    const events = await screen.findAllByTestId('timeline-event');
    expect(events.map((event) => event.textContent)).toEqual([
      expect.stringContaining('Infusion started'),
      expect.stringContaining('Alert raised: SpO2 88 < 90'),
    ]);
  });

  it('downloads the log as CSV and the report as PDF, with the login’s token', async () => {
    const fetchMock = renderLog();
    fireEvent.click(await screen.findByRole('button', { name: 'Download log (CSV)' }));
    await waitFor(() => expect(savedFiles).toEqual(['session-session-7-log.csv']));
    fireEvent.click(screen.getByRole('button', { name: 'Download report (PDF)' }));
    await waitFor(() =>
      expect(savedFiles).toEqual(['session-session-7-log.csv', 'session-session-7-report.pdf']),
    );
    const [csv] = requestsTo(fetchMock, 'GET /sessions/session-7/log.csv');
    expect(csv?.headers).toMatchObject({
      Accept: 'text/csv',
      Authorization: 'Bearer token-auditor',
    });
  });

  it('leads back to the search and on to the session’s trends', async () => {
    renderLog();
    fireEvent.click(await screen.findByRole('link', { name: 'Trends and alerts of this session' }));
    expect(await screen.findByText('session screen')).toBeInTheDocument();
  });

  it('says why the session could not be loaded, and still shows its timeline', async () => {
    renderLog(() => nestError(404, 'session session-7 not found'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the session: session session-7 not found',
    );
    expect(await screen.findAllByTestId('timeline-event')).toHaveLength(2);
    fireEvent.click(screen.getByRole('link', { name: '← Back to the search' }));
    expect(await screen.findByText('search screen')).toBeInTheDocument();
  });
});
