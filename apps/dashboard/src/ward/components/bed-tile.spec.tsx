import { act, render, screen, within } from '@testing-library/react';
import type { Alert } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { aPatientSummary, aSample, aSession } from '../../../test/session.fixture';
import { BedTile } from './bed-tile';

const now = Date.parse('2026-11-25T10:12:00.000Z');
const secondsAgo = (seconds: number) => new Date(now - seconds * 1_000).toISOString();

describe('BedTile', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const session = aSession({
    bay: '3',
    patient: aPatientSummary({ id: 'p-3', initials: 'MK' }),
    indication: 'opioid-use-disorder',
    state: 'infusing',
    // 23.6 minutes of infusion so far; elapsedMin is the server's figure at the time it answered.
    startedAt: secondsAgo(23.6 * 60),
    elapsedMin: 23.6,
    plannedDurationMin: 40,
    latestVitals: {
      systolic: { value: 128, at: secondsAgo(240) },
      diastolic: { value: 82, at: secondsAgo(240) },
      heartRate: { value: 76, at: secondsAgo(12) },
      spo2: { value: 97, at: secondsAgo(12) },
      respRate: { value: 14, at: secondsAgo(12) },
    },
  });

  function renderTile(
    overrides = {},
    recentSamples = [aSample({ at: secondsAgo(20), heartRate: 74 })],
  ) {
    render(<BedTile session={{ ...session, ...overrides }} recentSamples={recentSamples} />);
    return screen.getByRole('region', { name: 'Bay 3' });
  }

  it('is a region named after its bay, with a stable test id', () => {
    const tile = renderTile();
    expect(tile).toHaveAttribute('data-testid', 'bed-tile-3');
  });

  it('shows the patient by initials and the indication in words', () => {
    const tile = renderTile();
    expect(within(tile).getByTestId('patient-initials')).toHaveTextContent('MK');
    // Read from the door: the wall never shows the name or the MRN the session carries.
    expect(tile).not.toHaveTextContent('Jane Doe');
    expect(tile).not.toHaveTextContent('MRN-0001');
    expect(tile).toHaveTextContent('Opioid use disorder');
  });

  it('shows each latest vital sign with its unit', () => {
    const tile = renderTile();
    expect(within(tile).getByTestId('vital-systolic')).toHaveTextContent('128');
    expect(within(tile).getByTestId('vital-diastolic')).toHaveTextContent('82');
    expect(within(tile).getByTestId('vital-heartRate')).toHaveTextContent('76');
    expect(within(tile).getByTestId('vital-spo2')).toHaveTextContent('97');
    expect(within(tile).getByTestId('vital-respRate')).toHaveTextContent('14');
    for (const unit of ['mmHg', 'bpm', '%', '/min']) {
      expect(within(tile).getByText(unit)).toBeInTheDocument();
    }
  });

  it('tells how old a blood pressure from an earlier cuff cycle is', () => {
    const tile = renderTile();
    expect(tile).toHaveTextContent('4 min ago');
  });

  it('shows the monitor’s desaturation over a reassuring manual entry, and names both', () => {
    const tile = renderTile(
      { latestVitals: { spo2: { value: 72, at: secondsAgo(8), source: 'device:m1' } } },
      [aSample({ at: secondsAgo(2), spo2: 98, source: 'user:n1' })],
    );
    const spo2 = within(tile).getByTestId('vital-spo2');
    expect(spo2).toHaveTextContent('72');
    expect(spo2).toHaveAttribute('data-sources', '2');
    expect(spo2).toHaveAttribute(
      'title',
      'SpO2 72 from a monitor; also heard: 98 from a manual entry',
    );
  });

  it('shows a dash, not a zero, for a sign never measured', () => {
    const tile = renderTile({ latestVitals: { heartRate: { value: 76, at: secondsAgo(1) } } }, []);
    expect(within(tile).getByTestId('vital-spo2')).toHaveTextContent('—');
  });

  it('shows the state in words and the infusion progress in minutes', () => {
    const tile = renderTile({ state: 'paused', pausedAt: secondsAgo(0) });
    expect(within(tile).getByTestId('session-state')).toHaveTextContent('Paused');
    expect(within(tile).getByTestId('infusion-progress')).toHaveTextContent('23 / 40 min');
    expect(within(tile).getByRole('progressbar', { name: 'Infusion progress' })).toHaveAttribute(
      'aria-valuenow',
      '23',
    );
  });

  it('advances the infusion progress by the screen’s own clock, without a refetch', () => {
    const tile = renderTile({ startedAt: secondsAgo(23 * 60 + 55), elapsedMin: 23.9 });
    const progress = within(tile).getByTestId('infusion-progress');
    expect(progress).toHaveTextContent('23 / 40 min');
    act(() => {
      jest.advanceTimersByTime(5_000);
    });
    expect(progress).toHaveTextContent('24 / 40 min');
  });

  it('leaves out closed pauses and holds the progress still during a pause', () => {
    const tile = renderTile({
      state: 'paused',
      startedAt: secondsAgo(30 * 60),
      pausedMs: 5 * 60_000,
      pausedAt: secondsAgo(3 * 60),
    });
    const progress = within(tile).getByTestId('infusion-progress');
    expect(progress).toHaveTextContent('22 / 40 min');
    act(() => {
      jest.advanceTimersByTime(2 * 60_000);
    });
    expect(progress).toHaveTextContent('22 / 40 min');
  });

  it('stops the progress where the infusion ended', () => {
    const tile = renderTile({
      state: 'recovery',
      startedAt: secondsAgo(50 * 60),
      endedAt: secondsAgo(10 * 60),
    });
    expect(within(tile).getByTestId('infusion-progress')).toHaveTextContent('40 / 40 min');
  });

  it('shows the age of the newest reading and updates it every second', () => {
    const tile = renderTile();
    const age = within(tile).getByTestId('reading-age');
    expect(age).toHaveTextContent('Last reading 12 s ago');
    act(() => {
      jest.advanceTimersByTime(1_000);
    });
    expect(age).toHaveTextContent('Last reading 13 s ago');
  });

  it('says plainly that readings are stale once the newest is over 30 s old', () => {
    const tile = renderTile();
    act(() => {
      jest.advanceTimersByTime(19_000);
    });
    expect(within(tile).getByTestId('reading-age')).toHaveTextContent(
      'STALE — last reading 31 s ago',
    );
    expect(tile).toHaveAttribute('data-stale', 'true');
  });

  it('takes a newer reading from the recent history over the session list', () => {
    const tile = renderTile({}, [aSample({ at: secondsAgo(2), heartRate: 91 })]);
    expect(within(tile).getByTestId('vital-heartRate')).toHaveTextContent('91');
    expect(within(tile).getByTestId('reading-age')).toHaveTextContent('Last reading 2 s ago');
  });

  it('draws heart rate and SpO2 trends from the recent history', () => {
    const tile = renderTile({}, [
      aSample({ at: secondsAgo(30), heartRate: 70, spo2: 98 }),
      aSample({ at: secondsAgo(20), heartRate: 74, spo2: 97 }),
      aSample({ at: secondsAgo(10), heartRate: 78, spo2: 96 }),
    ]);
    for (const name of [/^Heart rate trend/, /^SpO2 trend/]) {
      const trend = within(tile).getByRole('img', { name });
      expect(trend.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    }
  });

  it('says so when the chair has no readings yet', () => {
    const tile = renderTile({ latestVitals: {} }, []);
    expect(within(tile).getByTestId('reading-age')).toHaveTextContent('No readings yet');
  });

  describe('alarm', () => {
    function renderWithAlerts(alerts: Alert[]) {
      render(<BedTile session={session} recentSamples={[]} alerts={alerts} />);
      return screen.getByTestId('bed-tile-3');
    }

    it('shows no alarm, and keeps its plain name, without open alerts', () => {
      const tile = renderWithAlerts([]);
      expect(tile).toHaveAccessibleName('Bay 3');
      expect(tile).toHaveAttribute('data-alarm', 'none');
      expect(within(tile).queryByTestId('tile-alarm')).not.toBeInTheDocument();
    });

    it('signals the highest open priority with an icon and text, and names the tile by it', () => {
      const tile = renderWithAlerts([
        anAlert({ id: 'm', priority: 'medium', message: 'Systolic 165 ≥ 160' }),
        anAlert({ id: 'h', priority: 'high', message: 'SpO2 86 < 90' }),
        anAlert({ id: 'l', priority: 'low', message: 'No blood pressure for 12 min' }),
      ]);
      const alarm = within(tile).getByTestId('tile-alarm');
      expect(alarm).toHaveTextContent('HIGH: SpO2 86 < 90');
      expect(alarm).toHaveTextContent('+2 more');
      expect(alarm).toHaveAttribute('data-priority', 'high');
      expect(alarm).toHaveAttribute('data-alarm-state', 'active');
      expect(within(alarm).getByTestId('alarm-icon')).toHaveAttribute('data-priority', 'high');
      expect(tile).toHaveAttribute('data-alarm', 'high');
      expect(tile).toHaveAccessibleName('Bay 3 — alarm HIGH: SpO2 86 < 90');
    });

    it('shows an acknowledged alarm as acknowledged, steady rather than flashing', () => {
      const tile = renderWithAlerts([
        anAlert({ priority: 'medium', state: 'acknowledged', message: 'Systolic 165 ≥ 160' }),
      ]);
      const alarm = within(tile).getByTestId('tile-alarm');
      expect(alarm).toHaveTextContent('MEDIUM: Systolic 165 ≥ 160 (acknowledged)');
      expect(alarm).toHaveAttribute('data-alarm-state', 'acknowledged');
      expect(within(alarm).getByTestId('alarm-icon')).toHaveAttribute('data-priority', 'medium');
    });
  });
});
