import fc from 'fast-check';
import { estimatedDeliveredMg } from './delivered-dose';

const START = Date.parse('2026-12-01T09:00:00.000Z');
const MIN = 60_000;

describe('delivered (estimated from the planned rate)', () => {
  const order = fc.record({
    doseMgPerKg: fc.double({ min: 0.1, max: 2, noNaN: true }),
    plannedDurationMin: fc.integer({ min: 40, max: 120 }),
  });
  const weight = fc.double({ min: 30, max: 200, noNaN: true });

  it('is the ordered total once the planned duration has run, and never more', () => {
    fc.assert(
      fc.property(order, weight, fc.integer({ min: 0, max: 240 }), (dose, kg, extraMin) => {
        const times = {
          startedAt: new Date(START).toISOString(),
          endedAt: null,
          pausedMs: 0,
          pausedAt: null,
        };
        const total = Math.round(dose.doseMgPerKg * kg * 10) / 10;
        const at = START + (dose.plannedDurationMin + extraMin) * MIN;
        expect(estimatedDeliveredMg(dose, kg, times, at)).toBe(total);
      }),
    );
  });

  it('grows with infused time and not with paused time', () => {
    fc.assert(
      fc.property(
        order,
        weight,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (dose, kg, infusedMin, pausedMin) => {
          const ended = START + (infusedMin + pausedMin) * MIN;
          const paused = {
            startedAt: new Date(START).toISOString(),
            endedAt: new Date(ended).toISOString(),
            pausedMs: pausedMin * MIN,
            pausedAt: null,
          };
          const straight = {
            ...paused,
            endedAt: new Date(START + infusedMin * MIN).toISOString(),
            pausedMs: 0,
          };
          const expected =
            Math.round(
              dose.doseMgPerKg * kg * Math.min(1, infusedMin / dose.plannedDurationMin) * 10,
            ) / 10;
          expect(estimatedDeliveredMg(dose, kg, paused, ended + 999 * MIN)).toBe(expected);
          expect(estimatedDeliveredMg(dose, kg, straight, ended)).toBe(expected);
        },
      ),
    );
  });

  it('is nothing before the start, and stands still during an open pause', () => {
    const dose = { doseMgPerKg: 0.5, plannedDurationMin: 40 };
    const notStarted = { startedAt: null, endedAt: null, pausedMs: 0, pausedAt: null };
    expect(estimatedDeliveredMg(dose, 80, notStarted, START)).toBe(0);
    const pausing = {
      startedAt: new Date(START).toISOString(),
      endedAt: null,
      pausedMs: 0,
      pausedAt: new Date(START + 20 * MIN).toISOString(),
    };
    expect(estimatedDeliveredMg(dose, 80, pausing, START + 35 * MIN)).toBe(20);
  });
});
