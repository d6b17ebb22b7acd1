import { act, fireEvent, screen, within } from '@testing-library/react';
import type { AlarmSuspend } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeAudioContext, latestAudioContext } from '../../../test/fake-audio-context';
import { renderWardScreen } from '../../../test/render-ward-screen';
import { aSession } from '../../../test/session.fixture';
import { apiClient } from '../../api/api-client';
import { authStore } from '../../auth/state/auth-store';
import { ALARM_SIGNALS } from '../utils/alarm-signal';

jest.mock('../../api/api-client');

const now = Date.parse('2026-11-25T10:12:00.000Z');
const suspend: AlarmSuspend = {
  bay: '1',
  sessionId: 's-1',
  reason: 'Probe change',
  startedBy: 'nurse',
  startedAt: new Date(now - 28_000).toISOString(),
  endsAt: new Date(now + 92_000).toISOString(),
};
const signalLoss = anAlert({
  id: 'a-signal',
  sessionId: 's-1',
  bay: '1',
  kind: 'technical',
  code: 'SIGNAL_LOSS',
  priority: 'medium',
  message: 'No SpO2 signal for 40 s (limit 30 s)',
  raisedAt: new Date(now - 10_000).toISOString(),
});
const pitches = () =>
  new Set(
    latestAudioContext()
      .pendingPulses()
      .map((pulse) => pulse.frequencyHz),
  );

async function renderWard(alerts = [signalLoss], suspends = [suspend], path = '/ward') {
  jest
    .mocked(apiClient.listAlerts)
    .mockImplementation(({ state }) =>
      Promise.resolve(alerts.filter((alert) => alert.state === state)),
    );
  jest.mocked(apiClient.listAlarmSuspends).mockResolvedValue(suspends);
  const view = renderWardScreen(path);
  await screen.findByTestId('bed-tile-1');
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  return view;
}

describe('per-chair alarm suspend on the ward', () => {
  let restoreAudioContext: () => void;

  beforeEach(() => {
    jest.useFakeTimers({ now });
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse'));
    jest.mocked(apiClient.listLiveSessions).mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    jest.mocked(apiClient.listSessionVitals).mockResolvedValue([]);
    jest.mocked(apiClient.listBays).mockResolvedValue([]);
    restoreAudioContext = installFakeAudioContext('running');
  });

  afterEach(() => {
    restoreAudioContext();
    jest.useRealTimers();
    authStore.clear();
  });

  it('shows the time left on the tile and keeps the chair’s signal loss quiet until the end', async () => {
    await renderWard();
    const tile = screen.getByTestId('bed-tile-1');
    expect(within(tile).getByRole('status')).toHaveTextContent(
      'Alarms suspended for probe change — 1:32 left',
    );
    expect(latestAudioContext().pendingPulses()).toEqual([]);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(92_000);
    });
    expect(within(tile).queryByRole('status')).toBeNull();
    expect(pitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
  });

  it('sounds a high alarm of the suspended chair, and the suspend shows as ended', async () => {
    await renderWard([signalLoss, anAlert({ id: 'a-high', sessionId: 's-1', bay: '1' })]);
    expect(pitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    expect(within(screen.getByTestId('bed-tile-1')).queryByRole('status')).toBeNull();
  });

  it('shows a running suspend on a wall display, where nobody works, without its button', async () => {
    await renderWard([signalLoss], [suspend], '/ward?kiosk=1');
    const tile = screen.getByTestId('bed-tile-1');
    expect(within(tile).getByRole('status')).toHaveTextContent('Alarms suspended for probe change');
    expect(within(tile).queryByRole('button', { name: /suspend/i })).toBeNull();
  });

  it('offers no suspend while the chair sounds an alarm it would not cover', async () => {
    await renderWard([signalLoss, anAlert({ id: 'a-high', sessionId: 's-1', bay: '1' })], []);
    const tile = screen.getByTestId('bed-tile-1');
    expect(within(tile).queryByRole('button', { name: /suspend/i })).toBeNull();
  });

  it('starts and ends the suspend from the tile', async () => {
    jest.mocked(apiClient.suspendAlarms).mockResolvedValue(suspend);
    jest.mocked(apiClient.endAlarmSuspend).mockResolvedValue();
    await renderWard([signalLoss], []);
    const tile = screen.getByTestId('bed-tile-1');
    expect(pitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    await act(async () => {
      fireEvent.click(
        within(tile).getByRole('button', { name: 'Suspend alarms for probe change' }),
      );
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(apiClient.suspendAlarms).toHaveBeenCalledWith('1', { reason: 'Probe change' });
    expect(within(tile).getByRole('status')).toHaveTextContent('1:32 left');
    expect(latestAudioContext().pendingPulses()).toEqual([]);
    await act(async () => {
      fireEvent.click(within(tile).getByRole('button', { name: 'End suspend' }));
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(apiClient.endAlarmSuspend).toHaveBeenCalledWith('1');
    expect(pitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
  });

  it('names who acknowledged the chair’s alarm and from which screen', async () => {
    await renderWard(
      [
        {
          ...signalLoss,
          state: 'acknowledged',
          acknowledgedBy: 'nurse',
          acknowledgedAt: new Date(now - 5_000).toISOString(),
          acknowledgedFrom: 'Ward screen 2',
        },
      ],
      [],
    );
    expect(screen.getByTestId('tile-acknowledged')).toHaveTextContent(
      'Acknowledged by nurse (Ward screen 2)',
    );
  });
});
