import type { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen } from '@testing-library/react';
import type { Alert } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { installFakeAudioContext, latestAudioContext } from '../../../test/fake-audio-context';
import { renderWardScreen } from '../../../test/render-ward-screen';
import { aSession } from '../../../test/session.fixture';
import { applyAlertToCache } from '../../alerts/hooks/use-open-alerts';
import { apiClient } from '../../api/api-client';
import { ALARM_SIGNALS, burstPeriodMs, burstPulseOffsetsMs } from '../utils/alarm-signal';

jest.mock('../../api/api-client');

const listAlerts = jest.mocked(apiClient.listAlerts);
const now = Date.parse('2026-11-25T10:12:00.000Z');
const highSpo2 = anAlert({ id: 'a-high', sessionId: 's-1', bay: '1', priority: 'high' });
const newBloodPressure = anAlert({
  id: 'a-bp',
  sessionId: 's-1',
  bay: '1',
  code: 'SYSTOLIC_HIGH',
  priority: 'medium',
  message: 'Systolic 165 ≥ 160',
});

/** The pitches of the pulses still to sound: one per signal, so it names what is playing. */
const soundingPitches = () =>
  new Set(
    latestAudioContext()
      .pendingPulses()
      .map((pulse) => pulse.frequencyHz),
  );

/** An alert event as the socket delivers it; the cache tells its observers on the next tick. */
async function receiveAlert(queryClient: QueryClient, alert: Alert) {
  await act(async () => {
    applyAlertToCache(queryClient, alert);
    await jest.advanceTimersByTimeAsync(0);
  });
}

async function renderWithActiveAlerts(alerts = [highSpo2]) {
  listAlerts.mockImplementation(({ state }) =>
    Promise.resolve(alerts.filter((alert) => alert.state === state)),
  );
  const view = renderWardScreen();
  await screen.findByTestId('bed-tile-1');
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  return view;
}

describe('WardScreen alarm sound', () => {
  let restoreAudioContext: () => void;

  beforeEach(() => {
    jest.useFakeTimers({ now });
    jest.mocked(apiClient.listLiveSessions).mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    jest.mocked(apiClient.listSessionVitals).mockResolvedValue([]);
    jest.mocked(apiClient.listBays).mockResolvedValue([]);
  });

  afterEach(() => {
    restoreAudioContext();
    jest.useRealTimers();
  });

  it('sounds the high-priority signal while a high alarm is unacknowledged', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    await renderWithActiveAlerts();
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
  });

  it('goes quiet when the last alarm is acknowledged', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    const { queryClient } = await renderWithActiveAlerts();
    await receiveAlert(queryClient, { ...highSpo2, state: 'acknowledged' });
    expect(latestAudioContext().pendingPulses()).toEqual([]);
  });

  it('asks for a click when the browser holds the sound back, and starts it on that click', async () => {
    restoreAudioContext = installFakeAudioContext('suspended');
    await renderWithActiveAlerts();
    expect(screen.getByTestId('alarm-sound-blocked')).toHaveTextContent(
      'Alarm sound is off until this page is clicked.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Enable alarm sound' }));
    expect(latestAudioContext().resume).toHaveBeenCalled();
    expect(await screen.findByRole('button', { name: /Pause alarm audio/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enable alarm sound' })).not.toBeInTheDocument();
  });

  it('says so when the browser cannot play sound at all', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    delete (globalThis as { AudioContext?: unknown }).AudioContext;
    await renderWithActiveAlerts();
    expect(screen.getByText('This browser cannot play alarm sounds.')).toBeInTheDocument();
  });

  describe('audio paused', () => {
    beforeEach(() => {
      restoreAudioContext = installFakeAudioContext('running');
    });

    async function renderPaused() {
      const view = await renderWithActiveAlerts();
      fireEvent.click(screen.getByRole('button', { name: 'Pause alarm audio (2 min)' }));
      return view;
    }

    it('silences the alarm and shows that audio is paused, with the time left', async () => {
      await renderPaused();
      expect(latestAudioContext().pendingPulses()).toEqual([]);
      expect(screen.getByTestId('audio-paused')).toHaveTextContent('Audio paused');
      expect(screen.getByTestId('audio-pause-remaining')).toHaveTextContent('2:00');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(61_000);
      });
      expect(screen.getByTestId('audio-pause-remaining')).toHaveTextContent('0:59');
    });

    it('expires by itself after two minutes, and the alarm sounds again', async () => {
      await renderPaused();
      await act(async () => {
        await jest.advanceTimersByTimeAsync(120_000);
      });
      expect(screen.queryByTestId('audio-paused')).not.toBeInTheDocument();
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    });

    it('can be cancelled', async () => {
      await renderPaused();
      fireEvent.click(screen.getByRole('button', { name: 'Cancel audio pause' }));
      expect(screen.queryByTestId('audio-paused')).not.toBeInTheDocument();
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    });

    it('ends when a new alarm is raised during it', async () => {
      const { queryClient } = await renderPaused();
      expect(screen.getByTestId('audio-paused')).toBeInTheDocument();
      await receiveAlert(queryClient, newBloodPressure);
      expect(screen.queryByTestId('audio-paused')).not.toBeInTheDocument();
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    });

    it('goes on when an alarm it silenced is only updated', async () => {
      const { queryClient } = await renderPaused();
      await receiveAlert(queryClient, { ...highSpo2, escalationLevel: 1 });
      expect(screen.getByTestId('audio-paused')).toBeInTheDocument();
      expect(latestAudioContext().pendingPulses()).toEqual([]);
    });
  });

  describe('reminders', () => {
    const acknowledged: Alert = {
      ...highSpo2,
      state: 'acknowledged',
      acknowledgedAt: '2026-11-25T10:11:00.000Z',
      acknowledgedBy: 'nurse',
    };
    const reminded: Alert = { ...acknowledged, remindedAt: '2026-11-25T10:16:00.000Z' };

    beforeEach(() => {
      restoreAudioContext = installFakeAudioContext('running');
    });

    it('plays one burst of the high signal when the server reminds of an acknowledged alarm', async () => {
      const { queryClient } = await renderWithActiveAlerts([acknowledged]);
      expect(latestAudioContext().pendingPulses()).toEqual([]);

      await receiveAlert(queryClient, reminded);
      const burst = latestAudioContext().pendingPulses();
      expect(burst).toHaveLength(burstPulseOffsetsMs(ALARM_SIGNALS.high).length);
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));

      // Once: the burst plays out and nothing follows it, nor the same reminder received again.
      latestAudioContext().advance(burstPeriodMs(ALARM_SIGNALS.high) / 1_000);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(30_000);
      });
      await receiveAlert(queryClient, reminded);
      expect(latestAudioContext().pendingPulses()).toEqual([]);
    });

    it('stays silent for a reminder while audio is paused', async () => {
      const { queryClient } = await renderWithActiveAlerts([acknowledged]);
      fireEvent.click(screen.getByRole('button', { name: 'Pause alarm audio (2 min)' }));
      await receiveAlert(queryClient, reminded);
      expect(latestAudioContext().pendingPulses()).toEqual([]);
      expect(screen.getByTestId('audio-paused')).toBeInTheDocument();
    });
  });
});
