import { act, fireEvent, screen, within } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { apiClient } from '../../api/api-client';
import { anAlert } from '../../../test/alert.fixture';
import { renderWardScreen } from '../../../test/render-ward-screen';
import { aPatientSummary, aSession } from '../../../test/session.fixture';

jest.mock('../../api/api-client');

const listLiveSessions = jest.mocked(apiClient.listLiveSessions);
const listSessionVitals = jest.mocked(apiClient.listSessionVitals);
const listAlerts = jest.mocked(apiClient.listAlerts);
const listBays = jest.mocked(apiClient.listBays);

describe('WardScreen', () => {
  beforeEach(() => {
    listSessionVitals.mockResolvedValue([]);
    listAlerts.mockResolvedValue([]);
    listBays.mockResolvedValue([]);
  });

  it('shows each tile’s own alarm from the open alerts', async () => {
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-1', bay: '1' }),
      aSession({ id: 's-2', bay: '2' }),
    ]);
    listAlerts.mockImplementation(({ state }) =>
      Promise.resolve(
        state === 'active'
          ? [anAlert({ id: 'a-1', sessionId: 's-2', bay: '2', priority: 'medium' })]
          : [],
      ),
    );
    renderWardScreen();

    const tile = await screen.findByRole('region', { name: 'Bay 2 — alarm MEDIUM: SpO2 86 < 90' });
    expect(within(tile).getByTestId('tile-alarm')).toHaveAttribute('data-priority', 'medium');
    expect(screen.getByTestId('bed-tile-1')).toHaveAttribute('data-alarm', 'none');
  });

  it('shows one tile per live session, ordered by bay', async () => {
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-10', bay: '10', patient: aPatientSummary({ id: 'p1', initials: 'AB' }) }),
      aSession({ id: 's-2', bay: '2', patient: aPatientSummary({ id: 'p2', initials: 'CD' }) }),
      aSession({ id: 's-7', bay: '7', patient: aPatientSummary({ id: 'p3', initials: 'EF' }) }),
    ]);
    renderWardScreen();

    const tiles = await screen.findAllByRole('region', { name: /^Bay / });
    expect(tiles.map((tile) => tile.getAttribute('aria-label'))).toEqual([
      'Bay 2',
      'Bay 7',
      'Bay 10',
    ]);
    expect(within(tiles[0]!).getByTestId('patient-initials')).toHaveTextContent('CD');
    expect(screen.getByTestId('live-session-count')).toHaveTextContent('3 live sessions');
  });

  it('opens a session’s screen from its tile', async () => {
    listLiveSessions.mockResolvedValue([aSession({ id: 's-4', bay: '4' })]);
    renderWardScreen();

    const tile = await screen.findByTestId('bed-tile-4');
    fireEvent.click(within(tile).getByRole('link', { name: 'Bay 4 — open session' }));
    expect(await screen.findByText('Session screen')).toBeInTheDocument();
  });

  it('loads each tile’s recent vitals for its sparklines', async () => {
    listLiveSessions.mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    renderWardScreen();

    await screen.findByTestId('bed-tile-1');
    expect(listSessionVitals).toHaveBeenCalledWith('s-1', expect.any(Date), expect.anything());
  });

  it('shows chairs without a live session as empty tiles, in bay order with the others', async () => {
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-2', bay: '2', state: 'infusing' }),
      aSession({ id: 's-10', bay: '10', state: 'recovery' }),
    ]);
    listBays.mockResolvedValue([
      { bay: '1', sessionId: null, state: null },
      { bay: '2', sessionId: 's-2', state: 'infusing' },
      { bay: '7', sessionId: null, state: null },
      { bay: '10', sessionId: 's-10', state: 'recovery' },
    ]);
    renderWardScreen();

    const empty = await screen.findByRole('region', { name: 'Bay 7 — empty' });
    expect(empty).toHaveTextContent('Empty');
    expect(empty).toHaveAttribute('data-state', 'empty');
    expect(within(empty).queryByTestId('patient-initials')).not.toBeInTheDocument();
    const tiles = screen.getAllByRole('region', { name: /^Bay / });
    expect(tiles.map((tile) => tile.getAttribute('aria-label'))).toEqual([
      'Bay 1 — empty',
      'Bay 2',
      'Bay 7 — empty',
      'Bay 10',
    ]);
    expect(screen.getByTestId('live-session-count')).toHaveTextContent(
      '2 live sessions, 2 empty chairs',
    );
  });

  it('tells a recovery chair from an infusing one in words, not colour alone', async () => {
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-1', bay: '1', state: 'infusing' }),
      aSession({ id: 's-2', bay: '2', state: 'recovery', endedAt: '2026-11-25T10:40:00.000Z' }),
    ]);
    renderWardScreen();

    const recovery = await screen.findByTestId('bed-tile-2');
    expect(recovery).toHaveAttribute('data-state', 'recovery');
    expect(within(recovery).getByTestId('session-state')).toHaveTextContent('Recovery');
    expect(within(screen.getByTestId('bed-tile-1')).getByTestId('session-state')).toHaveTextContent(
      'Infusing',
    );
  });

  it('keeps showing the live sessions when the chairs cannot be loaded, and says so', async () => {
    listLiveSessions.mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    listBays.mockRejectedValue(new ApiError(503, ['database unavailable']));
    renderWardScreen();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the ward’s chairs, so empty chairs are not shown: database unavailable',
    );
    expect(screen.getByTestId('bed-tile-1')).toBeInTheDocument();
  });

  it('says so when no chair is in use', async () => {
    listLiveSessions.mockResolvedValue([]);
    renderWardScreen();

    expect(await screen.findByText('No live sessions.')).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('shows the server’s reason when the sessions cannot be loaded', async () => {
    listLiveSessions.mockRejectedValue(new ApiError(503, ['database unavailable']));
    renderWardScreen();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load sessions: database unavailable',
    );
  });

  it('does not poll the session list: every read of it is audited', async () => {
    jest.useFakeTimers();
    try {
      listLiveSessions.mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
      renderWardScreen();
      await screen.findByTestId('bed-tile-1');

      await act(async () => {
        await jest.advanceTimersByTimeAsync(5 * 60_000);
      });
      expect(listLiveSessions).toHaveBeenCalledTimes(1);
      expect(listAlerts).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
