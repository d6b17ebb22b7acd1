import fc from 'fast-check';
import {
  alarmLoad,
  isNuisance,
  percentile,
  type AlarmRecord,
  type MonitoredPeriod,
} from './alarm-load';
import { ALERT_CODES } from './alert.types';

const FROM = Date.parse('2026-03-02T00:00:00.000Z');
const DAY = 24 * 3_600_000;
const at = (ms: number) => new Date(FROM + ms).toISOString();

function alarm(overrides: Partial<AlarmRecord> & { raisedMs: number }): AlarmRecord {
  const { raisedMs, ...rest } = overrides;
  return {
    code: 'SPO2_LOW',
    bay: 'A1',
    priority: 'medium',
    raisedAt: at(raisedMs),
    acknowledgedAt: null,
    resolvedAt: null,
    resolvedReason: null,
    escalationLevel: 0,
    ...rest,
  };
}

const arbitraryAlarm = fc
  .record({
    code: fc.constantFrom(...ALERT_CODES),
    bay: fc.constantFrom('A1', 'A2', 'B1'),
    raisedMs: fc.integer({ min: -DAY, max: 2 * DAY }),
    acknowledgeAfter: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
    resolveAfter: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
    cleared: fc.boolean(),
    escalationLevel: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ raisedMs, acknowledgeAfter, resolveAfter, cleared, ...rest }): AlarmRecord =>
    alarm({
      ...rest,
      raisedMs,
      acknowledgedAt: acknowledgeAfter === null ? null : at(raisedMs + acknowledgeAfter),
      resolvedAt: resolveAfter === null ? null : at(raisedMs + resolveAfter),
      resolvedReason:
        resolveAfter === null
          ? null
          : cleared && acknowledgeAfter === null
            ? 'cleared'
            : 'acknowledged',
    }),
  );

const arbitraryPeriod = fc
  .record({
    bay: fc.constantFrom('A1', 'A2', 'B1'),
    startMs: fc.integer({ min: -DAY, max: 2 * DAY }),
    lengthMs: fc.integer({ min: 0, max: 4 * 3_600_000 }),
    live: fc.boolean(),
  })
  .map(({ bay, startMs, lengthMs, live }): MonitoredPeriod => ({
    bay,
    startedAt: at(startMs),
    endedAt: live ? null : at(startMs + lengthMs),
  }));

const load = (alarms: AlarmRecord[], periods: MonitoredPeriod[], timeZone = 'Europe/Berlin') =>
  alarmLoad({ from: at(0), to: at(DAY), now: FROM + DAY / 2, timeZone, alarms, periods });

describe('alarm load', () => {
  it('answers a known history', () => {
    const result = load(
      [
        // nuisance: cleared by itself after 8 s
        alarm({ raisedMs: 3_600_000, resolvedAt: at(3_608_000), resolvedReason: 'cleared' }),
        // acknowledged after 30 s, resolved after 60 s, escalated
        alarm({
          raisedMs: 3_700_000,
          acknowledgedAt: at(3_730_000),
          resolvedAt: at(3_760_000),
          resolvedReason: 'cleared',
          escalationLevel: 1,
        }),
        // cleared by itself after 20 s: not a nuisance
        alarm({
          code: 'HR_HIGH',
          bay: 'A2',
          raisedMs: 7_200_000,
          resolvedAt: at(7_220_000),
          resolvedReason: 'cleared',
        }),
        // outside the window
        alarm({ raisedMs: DAY + 1 }),
      ],
      [
        { bay: 'A1', startedAt: at(3_600_000), endedAt: at(2 * 3_600_000) },
        { bay: 'A2', startedAt: at(-3_600_000), endedAt: at(3 * 3_600_000) },
      ],
    );
    expect(result).toMatchObject({
      chairHours: 4,
      total: 3,
      perChairHour: 0.75,
      nuisanceShare: 1 / 3,
      escalationRate: 1 / 3,
      medianDurationS: 20,
      acknowledgeS: { p50: 30, p90: 30 },
    });
    expect(result.byCode).toEqual([
      expect.objectContaining({
        code: 'SPO2_LOW',
        count: 2,
        perChairHour: 0.5,
        nuisanceShare: 0.5,
      }),
      expect.objectContaining({ code: 'HR_HIGH', count: 1, medianDurationS: 20, nuisanceShare: 0 }),
    ]);
    expect(result.byBay).toEqual([
      expect.objectContaining({ bay: 'A1', chairHours: 1, count: 2, perChairHour: 2 }),
      expect.objectContaining({ bay: 'A2', chairHours: 3, count: 1, perChairHour: 1 / 3 }),
    ]);
    // Berlin is UTC+1 in March: 01:00Z is 02 o'clock.
    expect(result.byHour.map(({ hour, count, chairHours }) => [hour, count, chairHours])).toEqual([
      [1, 0, 1],
      [2, 2, 2],
      [3, 1, 1],
    ]);
  });

  it('is a nuisance only when it cleared by itself within 10 s, never acknowledged', () => {
    const base = { raisedMs: 0, resolvedReason: 'cleared' as const };
    expect(isNuisance(alarm({ ...base, resolvedAt: at(10_000) }))).toBe(true);
    expect(isNuisance(alarm({ ...base, resolvedAt: at(10_001) }))).toBe(false);
    expect(isNuisance(alarm({ ...base, resolvedAt: at(5_000), acknowledgedAt: at(1_000) }))).toBe(
      false,
    );
    expect(
      isNuisance(alarm({ raisedMs: 0, resolvedAt: at(1_000), resolvedReason: 'session-ended' })),
    ).toBe(false);
    expect(isNuisance(alarm({ raisedMs: 0 }))).toBe(false);
  });

  it('takes percentiles by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('counts every alarm raised in the window once in each breakdown, and splits chair time exactly', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryAlarm, { maxLength: 40 }),
        fc.array(arbitraryPeriod, { maxLength: 8 }),
        fc.constantFrom('Europe/Berlin', 'Asia/Kolkata', 'UTC', 'America/St_Johns'),
        (alarms, periods, timeZone) => {
          const result = load(alarms, periods, timeZone);
          const inWindow = alarms.filter(
            (a) => Date.parse(a.raisedAt) >= FROM && Date.parse(a.raisedAt) < FROM + DAY,
          );
          const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
          expect(result.total).toBe(inWindow.length);
          for (const breakdown of [result.byCode, result.byBay, result.byHour])
            expect(sum(breakdown.map((group) => group.count))).toBe(inWindow.length);
          expect(sum(result.byBay.map((group) => group.chairHours))).toBeCloseTo(
            result.chairHours,
            9,
          );
          expect(sum(result.byHour.map((group) => group.chairHours))).toBeCloseTo(
            result.chairHours,
            9,
          );
          expect(result.chairHours).toBeLessThanOrEqual(periods.length * 24);
          for (const group of [result, ...result.byCode, ...result.byBay, ...result.byHour]) {
            expect(group.nuisanceShare).toBeGreaterThanOrEqual(0);
            expect(group.nuisanceShare).toBeLessThanOrEqual(1);
            expect(group.escalationRate).toBeLessThanOrEqual(1);
            const { p50, p90 } = group.acknowledgeS;
            if (p50 !== null && p90 !== null) expect(p50).toBeLessThanOrEqual(p90);
          }
          for (const group of result.byHour) {
            expect(group.hour).toBeGreaterThanOrEqual(0);
            expect(group.hour).toBeLessThan(24);
          }
        },
      ),
    );
  });
});
