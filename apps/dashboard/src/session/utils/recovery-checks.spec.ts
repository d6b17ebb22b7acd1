import type { TimelineEvent } from '@vigil/shared';
import fc from 'fast-check';
import { RECOVERY_CHECK_INTERVAL_MIN, recoveryChecks, recoveryStatus } from './recovery-checks';

const STOP = '2026-12-01T10:00:00.000Z';
const MIN = 60_000;
const at = (minutes: number) => new Date(Date.parse(STOP) + minutes * MIN).toISOString();

function observation(minutes: number, scores?: Record<string, number>): TimelineEvent {
  return {
    at: at(minutes),
    kind: 'observation',
    actor: 'nurse',
    summary: 'dissociation (mild)',
    detail: scores ? { scores } : {},
  };
}

describe('recovery checks', () => {
  it('counts only observations since the stop that carry MOAA/S or CADSS-6', () => {
    const events: TimelineEvent[] = [
      observation(-5, { moaas: 3 }),
      observation(4),
      observation(20, { cadss6: 6 }),
      observation(12, { moaas: 5, rass: 0 }),
      observation(25, { rass: -1 }),
      { ...observation(30, { moaas: 5 }), kind: 'intervention' },
    ];
    expect(recoveryChecks(events, STOP)).toEqual([
      { at: at(12), moaas: 5, cadss6: undefined },
      { at: at(20), moaas: undefined, cadss6: 6 },
    ]);
  });

  it('asks for the first check 15 minutes after the stop', () => {
    expect(recoveryStatus(STOP, 30, [], Date.parse(at(14))).checkDue).toBe(false);
    const due = recoveryStatus(STOP, 30, [], Date.parse(at(17)));
    expect(due).toMatchObject({
      checkDue: true,
      checkLateMin: 2,
      elapsedMin: 17,
      remainingMin: 13,
    });
  });

  it('is never due within 15 minutes of the last check, and always due after that', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 180 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 240 }),
        (checkMinutes, nowMin) => {
          const checks = checkMinutes
            .filter((minute) => minute <= nowMin)
            .map((minute) => ({ at: at(minute), moaas: 5 }));
          const last = Math.max(
            0,
            ...checks.map((check) => (Date.parse(check.at) - Date.parse(STOP)) / MIN),
          );
          const status = recoveryStatus(STOP, 30, checks, Date.parse(at(nowMin)));
          expect(status.checkDue).toBe(nowMin - last >= RECOVERY_CHECK_INTERVAL_MIN);
          expect(status.nextCheckDueAt).toBe(Date.parse(at(last + RECOVERY_CHECK_INTERVAL_MIN)));
        },
      ),
    );
  });

  it('counts the minutes left to the minimum recovery time down to zero', () => {
    expect(recoveryStatus(STOP, 30, [], Date.parse(at(29.5))).remainingMin).toBe(1);
    expect(recoveryStatus(STOP, 30, [], Date.parse(at(30))).remainingMin).toBe(0);
    expect(recoveryStatus(STOP, 30, [], Date.parse(at(95))).remainingMin).toBe(0);
  });
});
