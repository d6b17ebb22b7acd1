import { render, screen } from '@testing-library/react';
import { DEFAULT_THRESHOLD_PROFILE, type PumpEvent } from '@vigil/shared';
import { aSession } from '../../../test/session.fixture';
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
    render(
      <SessionTrends
        session={session}
        samples={[]}
        log={[]}
        alerts={[]}
        profile={DEFAULT_THRESHOLD_PROFILE}
      />,
    );
    // 10 min at 60 mL/h and 20 at 30 mL/h of 1 mg/mL: 20 mg.
    expect(
      screen.getByRole('img', { name: /^Ketamine: 20 mg delivered by 09:30, pump at 30 mL\/h$/ }),
    ).toBeInTheDocument();
  });

  it('says when the pump has not started', () => {
    render(
      <SessionTrends
        session={aSession({ state: 'assessed', pumpEvents: [] })}
        samples={[]}
        log={[]}
        alerts={[]}
        profile={DEFAULT_THRESHOLD_PROFILE}
      />,
    );
    expect(screen.getByText('The pump has not started in this window')).toBeInTheDocument();
  });
});
