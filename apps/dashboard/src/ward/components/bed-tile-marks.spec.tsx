import { act, render, screen, within } from '@testing-library/react';
import type { Alert, LatestVitals } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { aSession } from '../../../test/session.fixture';
import { BedTile } from './bed-tile';

const now = Date.parse('2026-11-25T10:12:00.000Z');
const secondsAgo = (seconds: number) => new Date(now - seconds * 1_000).toISOString();

const FRESH: LatestVitals = {
  systolic: { value: 182, at: secondsAgo(240) },
  diastolic: { value: 96, at: secondsAgo(240) },
  heartRate: { value: 76, at: secondsAgo(1) },
  spo2: { value: 86, at: secondsAgo(1) },
  respRate: { value: 14, at: secondsAgo(1) },
};

function renderTile(latestVitals: LatestVitals, alerts: Alert[] = []) {
  render(
    <BedTile
      session={aSession({ id: 's-3', bay: '3', state: 'infusing', latestVitals })}
      recentSamples={[]}
      alerts={alerts}
    />,
  );
  return screen.getByTestId('bed-tile-3');
}

describe('BedTile marks on its values', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('past the limit', () => {
    it('gives a value with an open alert for its sign that alert’s priority, and no other value', () => {
      const tile = renderTile(FRESH, [
        anAlert({ id: 'a', sessionId: 's-3', code: 'SPO2_LOW', priority: 'high' }),
        anAlert({ id: 'b', sessionId: 's-3', code: 'SYSTOLIC_HIGH', priority: 'medium' }),
      ]);
      expect(within(tile).getByTestId('vital-spo2')).toHaveAttribute('data-priority', 'high');
      expect(within(tile).getByTestId('vital-systolic')).toHaveAttribute('data-priority', 'medium');
      for (const sign of ['diastolic', 'heartRate', 'respRate']) {
        expect(within(tile).getByTestId(`vital-${sign}`)).not.toHaveAttribute('data-priority');
      }
    });

    it('says which side of its limit the value is on, in words and not by colour alone', () => {
      const tile = renderTile(FRESH, [
        anAlert({ id: 'a', sessionId: 's-3', code: 'SPO2_LOW', priority: 'high' }),
        anAlert({ id: 'b', sessionId: 's-3', code: 'SYSTOLIC_HIGH', priority: 'medium' }),
      ]);
      const spo2Limit = within(tile).getByTestId('vital-limit-spo2');
      expect(spo2Limit).toHaveTextContent('↓');
      expect(spo2Limit).toHaveTextContent('below limit');
      expect(spo2Limit).toHaveAttribute('data-priority', 'high');
      expect(within(tile).getByTestId('vital-limit-systolic')).toHaveTextContent(
        '↑ (alarm: above limit)',
      );
      expect(within(tile).queryByTestId('vital-limit-heartRate')).not.toBeInTheDocument();
      // Read in order under the reading's name: the value, then the mark.
      expect(within(tile).getByTestId('vital-spo2').closest('dd')).toHaveTextContent(
        /^86↓ \(alarm: below limit\)$/,
      );
    });

    it('marks no value for an alert about no one value, nor for a resolved one', () => {
      const tile = renderTile(FRESH, [
        anAlert({ id: 'a', sessionId: 's-3', kind: 'technical', code: 'SIGNAL_LOSS' }),
        anAlert({ id: 'b', sessionId: 's-3', code: 'RR_LOW', state: 'resolved' }),
      ]);
      for (const sign of ['systolic', 'diastolic', 'heartRate', 'spo2', 'respRate']) {
        expect(within(tile).getByTestId(`vital-${sign}`)).not.toHaveAttribute('data-priority');
      }
      expect(tile.querySelector('[data-testid^="vital-limit-"]')).toBeNull();
    });

    it('keeps the highest priority of two open alerts on one sign', () => {
      const tile = renderTile(FRESH, [
        anAlert({ id: 'a', sessionId: 's-3', code: 'SPO2_LOW', priority: 'medium' }),
        anAlert({ id: 'b', sessionId: 's-3', code: 'SPO2_LOW', priority: 'high' }),
      ]);
      expect(within(tile).getByTestId('vital-spo2')).toHaveAttribute('data-priority', 'high');
    });
  });

  describe('a sign gone silent', () => {
    it('marks the one sign that stopped while the others go on, with how long', () => {
      const tile = renderTile({ ...FRESH, spo2: { value: 97, at: secondsAgo(45) } });
      expect(within(tile).getByTestId('vital-spo2')).toHaveAttribute('data-stale', 'true');
      expect(within(tile).getByTestId('vital-heartRate')).toHaveAttribute('data-stale', 'false');
      expect(within(tile).getByTestId('vital-respRate')).toHaveAttribute('data-stale', 'false');
      const mark = within(tile).getByTestId('vital-stale-spo2');
      expect(mark).toHaveTextContent('45 s');
      expect(within(mark).getByText('no SpO2 for 45 s')).toHaveClass('visually-hidden');
      expect(within(tile).queryByTestId('vital-stale-hr')).not.toBeInTheDocument();
      // The tile as a whole is still live: its heart rate came a second ago.
      expect(tile).toHaveAttribute('data-stale', 'false');
    });

    it('marks a sign once its reading passes 30 s, and moves the mark on with the clock', () => {
      const tile = renderTile({ ...FRESH, heartRate: { value: 76, at: secondsAgo(25) } });
      expect(within(tile).queryByTestId('vital-stale-hr')).not.toBeInTheDocument();
      act(() => {
        jest.advanceTimersByTime(6_000);
      });
      expect(within(tile).getByTestId('vital-heartRate')).toHaveAttribute('data-stale', 'true');
      expect(within(tile).getByTestId('vital-stale-hr')).toHaveTextContent(
        'no heart rate for 31 s',
      );
    });

    it('gives blood pressure, from a cycling cuff, until its longest cycle and grace', () => {
      const cycling = renderTile({
        ...FRESH,
        systolic: { value: 128, at: secondsAgo(14 * 60) },
        diastolic: { value: 82, at: secondsAgo(14 * 60) },
      });
      expect(within(cycling).getByTestId('vital-systolic')).toHaveAttribute('data-stale', 'false');
      expect(within(cycling).queryByTestId('vital-stale-bp')).not.toBeInTheDocument();
      // Its age is shown as ever, beside its name.
      expect(cycling).toHaveTextContent('14 min ago');
      act(() => {
        jest.advanceTimersByTime(4 * 60_000);
      });
      expect(within(cycling).getByTestId('vital-systolic')).toHaveAttribute('data-stale', 'true');
      expect(within(cycling).getByTestId('vital-diastolic')).toHaveAttribute('data-stale', 'true');
      expect(within(cycling).getByTestId('vital-stale-bp')).toHaveTextContent(
        'no blood pressure for 18 min',
      );
    });

    it('leaves a sign never measured unmarked: its dash says so', () => {
      const { respRate: _none, ...withoutRespRate } = FRESH;
      const tile = renderTile(withoutRespRate);
      expect(within(tile).getByTestId('vital-respRate')).toHaveTextContent('—');
      expect(within(tile).getByTestId('vital-respRate')).toHaveAttribute('data-stale', 'false');
      expect(within(tile).queryByTestId('vital-stale-rr')).not.toBeInTheDocument();
    });
  });
});
