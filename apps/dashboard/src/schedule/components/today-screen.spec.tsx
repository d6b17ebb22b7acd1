import { screen, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { TodayScreen } from './today-screen';

// Late evening in the browser's zone: the day asked for is the browser's, whatever UTC says.
const now = new Date(2026, 10, 25, 23, 30).getTime();
const localAt = (hour: number, minute = 0) => new Date(2026, 10, 25, hour, minute).toISOString();

describe('TodayScreen', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse'));
  });

  afterEach(() => jest.useRealTimers());

  it('lists the browser’s day chair by chair: time, initials, state and order, each a link', async () => {
    const fetchMock = installFakeFetch({
      'GET /schedule': () =>
        jsonResponse(200, [
          aSession({
            id: 's-b',
            bay: '2',
            state: 'scheduled',
            order: null,
            scheduledAt: localAt(13, 30),
            patient: { id: 'p-b', initials: 'KL' },
          }),
          aSession({
            id: 's-a',
            bay: '2',
            state: 'recovery',
            scheduledAt: localAt(8),
            patient: { id: 'p-a', initials: 'MN' },
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
    const rows = within(bay2).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      '08:00 MNRecoveryOrder signed',
      '13:30 KLScheduledWaiting for a physician’s signature',
    ]);
    expect(within(rows[1]!).getByRole('link')).toHaveAttribute('href', '/sessions/s-b');
  });

  it('says when nothing is scheduled', async () => {
    installFakeFetch({ 'GET /schedule': () => jsonResponse(200, []) });
    renderWithProviders(<TodayScreen />, { path: '/today' });
    expect(await screen.findByText('No session is scheduled today.')).toBeInTheDocument();
  });
});
