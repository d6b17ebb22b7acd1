import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aPatientSummary, aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { TodayScreen } from './today-screen';

// Late evening in the browser's zone: the day asked for is the browser's, whatever UTC says.
const now = new Date(2026, 10, 25, 23, 30).getTime();
const localAt = (hour: number, minute = 0) => new Date(2026, 10, 25, hour, minute).toISOString();

const scheduledInBay2 = aSession({
  id: 's-1',
  bay: '2',
  state: 'scheduled',
  order: null,
  scheduledAt: localAt(14),
  revision: 1,
});
const bays = ['2', '3', '4'].map((bay) => ({ bay, sessionId: null, state: null }));

describe('TodayScreen', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse'));
  });

  afterEach(() => jest.useRealTimers());

  it('lists the browser’s day chair by chair: time, name and MRN, state and order, each a link', async () => {
    const fetchMock = installFakeFetch({
      'GET /schedule': () =>
        jsonResponse(200, [
          aSession({
            id: 's-b',
            bay: '2',
            state: 'scheduled',
            order: null,
            scheduledAt: localAt(13, 30),
            patient: aPatientSummary({
              id: 'p-b',
              initials: 'KL',
              displayName: 'Kim Lee',
              mrn: 'MRN-22',
            }),
          }),
          aSession({
            id: 's-a',
            bay: '2',
            state: 'recovery',
            scheduledAt: localAt(8),
            patient: aPatientSummary({
              id: 'p-a',
              initials: 'MN',
              displayName: 'Mo Nkosi',
              mrn: 'MRN-11',
            }),
          }),
          aSession({ id: 's-c', bay: '10', state: 'assessed', scheduledAt: localAt(9, 15) }),
        ]),
    });
    renderWithProviders(<TodayScreen />, { path: '/today' });

    const bay2 = await screen.findByTestId('today-bay-2');
    expect(requestsTo(fetchMock, 'GET /schedule')[0]?.query.get('date')).toBe('2026-11-25');
    expect(
      screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent),
    ).toEqual(['Bay 2', 'Bay 10']);
    const rows = within(bay2).getAllByTestId('today-session');
    expect(rows.map((row) => row.textContent)).toEqual([
      '08:00 Mo Nkosi (MRN MRN-11)RecoveryOrder signed',
      '13:30 Kim Lee (MRN MRN-22)ScheduledWaiting for a physician’s signature',
    ]);
    expect(within(rows[1]!).getByRole('link')).toHaveAttribute('href', '/sessions/s-b');
    // Only a session not yet started may be moved or cancelled from the list.
    const [recovery, scheduled] = within(bay2).getAllByRole('listitem');
    expect(within(recovery!).queryByRole('button')).toBeNull();
    expect(within(scheduled!).getByRole('button', { name: 'Move' })).toBeInTheDocument();
    expect(within(scheduled!).getByRole('button', { name: 'Cancel session…' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Admit a patient' })).toHaveAttribute('href', '/admit');
  });

  it('moves a scheduled session to another chair, and words a chair that is taken', async () => {
    let refuse = true;
    const fetchMock = installFakeFetch({
      'GET /schedule': () => jsonResponse(200, [scheduledInBay2]),
      'GET /bays': () => jsonResponse(200, bays),
      'PUT /sessions/s-1/bay': ({ body }) =>
        refuse
          ? nestError(409, 'bay 3 already has a live session', 'Conflict', {
              code: 'BAY_OCCUPIED',
              details: { bay: '3' },
            })
          : jsonResponse(200, {
              ...scheduledInBay2,
              bay: (body as { bay: string }).bay,
              revision: 2,
            }),
    });
    renderWithProviders(<TodayScreen />, { path: '/today' });
    await screen.findByTestId('today-bay-2');
    const move = screen.getByRole('form', { name: 'Move to another chair' });
    await screen.findByRole('option', { name: 'Bay 3' });
    expect(within(move).queryByRole('option', { name: 'Bay 2' })).toBeNull();

    fireEvent.change(within(move).getByLabelText('Move to'), { target: { value: '3' } });
    fireEvent.click(within(move).getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Bay 3 already has a live session.')).toBeInTheDocument();
    expect(screen.getByTestId('today-bay-2')).toBeInTheDocument();

    refuse = false;
    fireEvent.change(within(move).getByLabelText('Move to'), { target: { value: '4' } });
    fireEvent.click(within(move).getByRole('button', { name: 'Move' }));
    expect(await screen.findByTestId('today-bay-4')).toBeInTheDocument();
    expect(screen.queryByTestId('today-bay-2')).toBeNull();
    expect(requestsTo(fetchMock, 'PUT /sessions/s-1/bay').map((request) => request.body)).toEqual([
      { bay: '3' },
      { bay: '4' },
    ]);
  });

  it('cancels a scheduled session with its reason only once asked again', async () => {
    const fetchMock = installFakeFetch({
      'GET /schedule': () => jsonResponse(200, [scheduledInBay2]),
      'GET /bays': () => jsonResponse(200, bays),
      'POST /sessions/s-1/abort': () =>
        jsonResponse(200, { ...scheduledInBay2, state: 'aborted', revision: 2 }),
    });
    renderWithProviders(<TodayScreen />, { path: '/today' });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel session…' }));
    fireEvent.change(screen.getByLabelText('Reason for cancelling'), {
      target: { value: 'Patient unwell, rebooked' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel session' }));
    expect(
      screen.getByText('Cancel this session before the infusion? It cannot be reopened.'),
    ).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /sessions/s-1/abort')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('today-bay-2')).getByText('Aborted')).toBeInTheDocument(),
    );
    expect(requestsTo(fetchMock, 'POST /sessions/s-1/abort')[0]?.body).toEqual({
      reason: 'Patient unwell, rebooked',
    });
    expect(screen.queryByRole('button', { name: /Cancel session/ })).toBeNull();
  });

  it('says when nothing is scheduled', async () => {
    installFakeFetch({ 'GET /schedule': () => jsonResponse(200, []) });
    renderWithProviders(<TodayScreen />, { path: '/today' });
    expect(await screen.findByText('No session is scheduled today.')).toBeInTheDocument();
  });
});
