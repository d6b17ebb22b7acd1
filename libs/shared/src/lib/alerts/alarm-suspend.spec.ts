import fc from 'fast-check';
import {
  alarmSuspendSchema,
  coveredBySuspend,
  silencedBySuspend,
  suspendInForce,
  suspendSecondsLeft,
  type AlarmSuspend,
} from './alarm-suspend';
import { ALERT_CODES, ALERT_PRIORITIES, ALERT_STATES, type Alert } from './alert.types';

const START = Date.parse('2025-11-26T10:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();

const suspend: AlarmSuspend = {
  bay: 'B2',
  sessionId: 's2',
  reason: 'probe change',
  startedBy: 'nurse',
  startedAt: at(0),
  endsAt: at(120),
};

type Facts = Pick<Alert, 'sessionId' | 'bay' | 'code' | 'priority' | 'state' | 'raisedAt'>;

const alert = (overrides: Partial<Facts>): Facts => ({
  sessionId: 's2',
  bay: 'B2',
  code: 'SPO2_LOW',
  priority: 'medium',
  state: 'active',
  raisedAt: at(5),
  ...overrides,
});

describe('per-chair alarm suspend', () => {
  it('covers the probe-change alarms below high priority only', () => {
    expect(coveredBySuspend({ code: 'SIGNAL_LOSS', priority: 'medium' })).toBe(true);
    expect(coveredBySuspend({ code: 'BP_OVERDUE', priority: 'medium' })).toBe(true);
    expect(coveredBySuspend({ code: 'HR_LOW', priority: 'low' })).toBe(true);
    expect(coveredBySuspend({ code: 'SPO2_LOW', priority: 'high' })).toBe(false);
    expect(coveredBySuspend({ code: 'SYSTOLIC_HIGH', priority: 'medium' })).toBe(false);
    expect(coveredBySuspend({ code: 'SIDE_EFFECT_SEVERE', priority: 'medium' })).toBe(false);
  });

  it('silences a covered alarm of its chair until its end', () => {
    const spo2 = alert({});
    expect(suspendInForce(suspend, [spo2], START + 60_000)).toBe(suspend);
    expect(silencedBySuspend(suspend, spo2, START + 119_999)).toBe(true);
    expect(silencedBySuspend(suspend, spo2, START + 120_000)).toBe(false);
    expect(suspendInForce(suspend, [spo2], START + 120_000)).toBeNull();
  });

  it('is ended by a high alarm or an alarm of another sign, even one acknowledged since', () => {
    expect(suspendInForce(suspend, [alert({ priority: 'high' })], START + 10_000)).toBeNull();
    expect(
      suspendInForce(
        suspend,
        [alert({ code: 'SYSTOLIC_HIGH', state: 'acknowledged' })],
        START + 10_000,
      ),
    ).toBeNull();
    expect(
      suspendInForce(suspend, [alert({ code: 'RR_LOW', state: 'resolved' })], START + 10_000),
    ).toBeNull();
  });

  it('is not ended by an alarm acknowledged before it began, nor by another chair', () => {
    const before = alert({ code: 'SYSTOLIC_HIGH', state: 'acknowledged', raisedAt: at(-300) });
    const elsewhere = alert({ bay: 'B3', sessionId: 's3', priority: 'high' });
    expect(suspendInForce(suspend, [before, elsewhere], START + 10_000)).toBe(suspend);
  });

  it('never covers another chair, nor a later patient in the same chair', () => {
    expect(silencedBySuspend(suspend, alert({ bay: 'B3', sessionId: 's3' }), START)).toBe(false);
    expect(silencedBySuspend(suspend, alert({ sessionId: 's9' }), START)).toBe(false);
  });

  it('counts down in whole seconds', () => {
    expect(suspendSecondsLeft(suspend, START + 27_500)).toBe(93);
    expect(suspendSecondsLeft(suspend, START + 200_000)).toBe(0);
  });

  it('accepts a reason and at most two minutes', () => {
    expect(alarmSuspendSchema.safeParse({ reason: 'probe change' }).success).toBe(true);
    expect(alarmSuspendSchema.safeParse({ reason: 'probe', seconds: 121 }).success).toBe(false);
    expect(alarmSuspendSchema.safeParse({ reason: ' ' }).success).toBe(false);
    expect(alarmSuspendSchema.safeParse({ reason: 'probe\u202echange' }).success).toBe(false);
  });

  it('never hides a high alarm, an alarm of another chair, or any alarm once an uncovered one came', () => {
    const facts = fc.record({
      sessionId: fc.constantFrom('s2', 's3'),
      bay: fc.constantFrom('B2', 'B3'),
      code: fc.constantFrom(...ALERT_CODES),
      priority: fc.constantFrom(...ALERT_PRIORITIES),
      state: fc.constantFrom(...ALERT_STATES),
      raisedAt: fc.integer({ min: -600, max: 180 }).map(at),
    });
    fc.assert(
      fc.property(
        fc.array(facts, { maxLength: 8 }),
        fc.integer({ min: -10_000, max: 200_000 }),
        (alerts, offset) => {
          const now = START + offset;
          const inForce = suspendInForce(suspend, alerts, now);
          const chair = alerts.filter((a) => a.bay === 'B2' && a.sessionId === 's2');
          const uncoveredSinceStart = chair.some(
            (a) =>
              !coveredBySuspend(a) && (a.state === 'active' || Date.parse(a.raisedAt) >= START),
          );
          if (uncoveredSinceStart) expect(inForce).toBeNull();
          for (const a of alerts)
            if (silencedBySuspend(inForce, a, now)) {
              expect(a.priority).not.toBe('high');
              expect(a.bay).toBe('B2');
              expect(a.sessionId).toBe('s2');
              expect(now).toBeLessThan(Date.parse(suspend.endsAt));
            }
        },
      ),
    );
  });
});
