import { act, render, screen } from '@testing-library/react';
import { DEFAULT_THRESHOLD_PROFILE, type PumpEvent, type Session } from '@vigil/shared';
import { aSession } from '../../../test/session.fixture';
import { SessionHeader } from './session-header';
import { SessionTrends } from './session-trends';

const MIN = 60_000;
const startedAt = new Date(2026, 10, 25, 9, 0).getTime();
const pumpEvent = (minutes: number, kind: PumpEvent['kind'], rateMlPerH: number): PumpEvent => ({
  id: `pump-${minutes}`,
  sessionId: 's-1',
  kind,
  at: new Date(startedAt + minutes * MIN).toISOString(),
  rateMlPerH,
  recordedBy: 'nurse',
});

/** The trends of a session with no readings, log or alerts: only its pump record to draw. */
function Trends({ session }: { session: Session }) {
  return (
    <SessionTrends
      session={session}
      samples={[]}
      log={[]}
      alerts={[]}
      profile={DEFAULT_THRESHOLD_PROFILE}
    />
  );
}

describe('SessionTrends', () => {
  afterEach(() => jest.useRealTimers());

  it('draws the pump record beside the signs, ending on the dose the record gives', () => {
    jest.useFakeTimers({ now: startedAt + 30 * MIN });
    const session = aSession({
      id: 's-1',
      state: 'infusing',
      startedAt: new Date(startedAt).toISOString(),
      infusionPlan: { concentrationMgPerMl: 1, volumeMl: 40, rateMlPerH: 60 },
      pumpEvents: [pumpEvent(0, 'start', 60), pumpEvent(10, 'rate-change', 30)],
    });
    render(<Trends session={session} />);
    // 10 min at 60 mL/h and 20 at 30 mL/h of 1 mg/mL: 20 mg.
    expect(
      screen.getByRole('img', { name: /^Ketamine: 20 mg delivered by 09:30, pump at 30 mL\/h$/ }),
    ).toBeInTheDocument();
  });

  it('says when the pump has not started', () => {
    render(<Trends session={aSession({ state: 'assessed', pumpEvents: [] })} />);
    expect(screen.getByText('The pump has not started in this window')).toBeInTheDocument();
  });

  describe('right after a pump event', () => {
    const SECOND = 1_000;
    /** 4.5 s past a 5-s step of the charts' clock: the old chart stood 4.5 s behind the header. */
    const now = startedAt + 10 * MIN + 4_500;
    const event = (kind: PumpEvent['kind'], ms: number, rateMlPerH: number): PumpEvent => ({
      ...pumpEvent(0, kind, rateMlPerH),
      id: `${kind}-${ms}`,
      at: new Date(startedAt + ms).toISOString(),
    });
    const infusing = (pumpEvents: PumpEvent[], state: Session['state'] = 'infusing') =>
      aSession({
        id: 's-1',
        state,
        startedAt: new Date(startedAt).toISOString(),
        infusionPlan: { concentrationMgPerMl: 1, volumeMl: 40, rateMlPerH: 6 },
        pumpEvents,
      });

    /** The session screen's header and trends, fed the same session as a socket update would. */
    function Screen({ session }: { session: Session }) {
      return (
        <>
          <SessionHeader session={session} />
          <Trends session={session} />
        </>
      );
    }

    const header = () =>
      /^Delivered (\d+\.\d) mg$/.exec(
        screen.getByTestId('session-delivered').textContent ?? '',
      )?.[1];
    const chart = () =>
      /^Ketamine: ([\d.]+) mg delivered/.exec(
        screen.getByRole('img', { name: /^Ketamine:/ }).getAttribute('aria-label') ?? '',
      )?.[1];

    beforeEach(() => jest.useFakeTimers({ now }));

    it('ends the chart on the header’s figure once the pump has stopped', () => {
      // 0.95 mg over 9.5 min at 6 mL/h of 1 mg/mL, then 34 s at 600 mL/h (1 mg every 6 s),
      // stopped 4 s past the charts' step, 0.5 s ago.
      const running = [event('start', 0, 6), event('rate-change', 10 * MIN - 30 * SECOND, 600)];
      const { rerender } = render(<Screen session={infusing(running)} />);
      rerender(
        <Screen
          session={infusing([...running, event('stop', 10 * MIN + 4 * SECOND, 0)], 'recovery')}
        />,
      );
      expect(header()).toBe('6.6');
      expect(chart()).toBe(header());
      expect(screen.getByRole('img', { name: /pump at 0 mL\/h$/ })).toBeInTheDocument();
    });

    it('keeps the chart on the header’s figure while the new rate runs between its steps', () => {
      const changed = [event('start', 0, 6), event('rate-change', 10 * MIN + SECOND, 600)];
      render(<Screen session={infusing(changed)} />);
      // 1 mg in the first 10 minutes, then 3.5 s at 1 mg every 6 s; a second later, 4.5 s.
      expect(header()).toBe('1.6');
      expect(chart()).toBe(header());
      act(() => jest.advanceTimersByTime(SECOND));
      expect(header()).toBe('1.8');
      expect(chart()).toBe(header());
      expect(screen.getByRole('img', { name: /pump at 600 mL\/h$/ })).toBeInTheDocument();
    });
  });
});
