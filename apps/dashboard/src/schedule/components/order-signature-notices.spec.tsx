import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { OrderAwaitingSignature, Session } from '@vigil/shared';
import { MemoryRouter } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { FakeClinicianSocket } from '../../../test/fake-clinician-socket';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { aPatientSummary, aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { ClinicianRealtimeEffect } from '../../realtime/components/clinician-realtime-effect';
import { OrderSignatureNotices } from './order-signature-notices';

const now = new Date(2026, 10, 25, 9, 0).getTime();
const localAt = (hour: number) => new Date(2026, 10, 25, hour).toISOString();

const unsigned = (id: string, bay: string, overrides: Partial<Session> = {}) =>
  aSession({
    id,
    bay,
    state: 'scheduled',
    order: null,
    startedAt: null,
    scheduledAt: localAt(14),
    ...overrides,
  });

const drafted: OrderAwaitingSignature = {
  sessionId: 's-new',
  bay: '5',
  scheduledAt: localAt(15),
  patient: aPatientSummary({ id: 'p-5', initials: 'SO', displayName: 'Sam Okafor', mrn: 'MRN-55' }),
  doseMgPerKg: 0.5,
  draftedBy: 'nurse',
  draftedByName: 'Dana Day',
};

/** The server's lists, which a test changes as the day goes on. */
let schedule: Session[] = [];
let live: Session[] = [];

function setUp() {
  const fetchMock = installFakeFetch({
    'GET /sessions': () => jsonResponse(200, live),
    'GET /schedule': () => jsonResponse(200, schedule),
    'GET /alerts': () => jsonResponse(200, []),
  });
  const socket = new FakeClinicianSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <ClinicianRealtimeEffect
          onStatusChange={() => undefined}
          createSocket={() => socket.asSocket()}
          notify={() => undefined}
        />
        <OrderSignatureNotices />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { fetchMock, socket };
}

describe('OrderSignatureNotices', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    authStore.clear();
    authStore.signIn(anAuthResponse('physician'));
    live = [unsigned('s-live', '2', { state: 'assessed' }), aSession({ id: 's-signed', bay: '3' })];
    schedule = [unsigned('s-today', '4')];
  });

  afterEach(() => jest.useRealTimers());

  it('counts the orders waiting for a signature and links to their list', async () => {
    setUp();
    const badge = await screen.findByTestId('awaiting-signature-badge');
    expect(badge).toHaveAccessibleName('2 dose orders wait for a signature');
    expect(badge).toHaveAttribute('href', '/alerts#awaiting-signature-title');
  });

  it('shows no badge when nothing waits', async () => {
    live = [];
    schedule = [];
    const { fetchMock } = setUp();
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /schedule')).toHaveLength(1));
    expect(screen.queryByTestId('awaiting-signature-badge')).toBeNull();
  });

  it('tells of a drafted order as it arrives, reads the day again, and lets it go once signed', async () => {
    const { fetchMock, socket } = setUp();
    await screen.findByTestId('awaiting-signature-badge');
    const reads = requestsTo(fetchMock, 'GET /schedule').length;

    schedule = [...schedule, unsigned('s-new', '5', { patient: drafted.patient })];
    act(() => socket.serverEmit('order.awaiting-signature', drafted));

    const notice = await screen.findByTestId('order-notice');
    expect(notice).toHaveTextContent(
      'Order to sign · Bay 5 · Sam Okafor (MRN MRN-55) · 0.5 mg/kg · 15:00 · drafted by Dana Day',
    );
    expect(within(notice).getByRole('link', { name: 'Open to sign' })).toHaveAttribute(
      'href',
      '/sessions/s-new',
    );
    await waitFor(() =>
      expect(screen.getByTestId('awaiting-signature-badge')).toHaveAccessibleName(
        '3 dose orders wait for a signature',
      ),
    );
    expect(requestsTo(fetchMock, 'GET /schedule').length).toBe(reads + 1);

    schedule = schedule.map((session) =>
      session.id === 's-new' ? { ...session, order: aSession().order, revision: 2 } : session,
    );
    act(() => socket.serverEmit('order.signed', { sessionId: 's-new', signedBy: 'physician' }));
    await waitFor(() => expect(screen.queryByTestId('order-notice')).toBeNull());
    await waitFor(() =>
      expect(screen.getByTestId('awaiting-signature-badge')).toHaveAccessibleName(
        '2 dose orders wait for a signature',
      ),
    );
  });

  it('dismisses a notice, and on reconnect reads the lists again from the server', async () => {
    const { fetchMock, socket } = setUp();
    await screen.findByTestId('awaiting-signature-badge');
    act(() => socket.serverEmit('order.awaiting-signature', drafted));
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('order-notice')).toBeNull());

    // Signed elsewhere while this screen was away: the reconnect's read is what counts.
    live = [];
    const reads = requestsTo(fetchMock, 'GET /sessions').length;
    act(() => socket.simulateConnect());
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /sessions').length).toBe(reads + 1));
    await waitFor(() =>
      expect(screen.getByTestId('awaiting-signature-badge')).toHaveAccessibleName(
        '1 dose order waits for a signature',
      ),
    );
  });
});
