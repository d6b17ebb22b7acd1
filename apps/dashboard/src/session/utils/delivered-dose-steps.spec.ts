import { deliveredMg, roundMg } from '@vigil/shared';
import fc from 'fast-check';
import { chartClock, deliveredDoseSteps, pumpRateAt, withLiveEnd } from './delivered-dose-steps';

const T0 = Date.UTC(2026, 10, 25, 9, 0);
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

// 1 mg/mL: 60 mL/h gives 1 mg a minute.
const record = [
  { at: at(0), rateMlPerH: 60 },
  { at: at(10), rateMlPerH: 120 },
  { at: at(20), rateMlPerH: 0 },
  { at: at(25), rateMlPerH: 60 },
  { at: at(40), rateMlPerH: 0 },
];

describe('deliveredDoseSteps', () => {
  it('has a corner at each pump event, the rate holding until the next and the dose rising to it', () => {
    expect(deliveredDoseSteps(record, 1, { from: T0 - 5 * MIN, to: T0 + 60 * MIN })).toEqual([
      { time: T0, rateMlPerH: 60, deliveredMg: 0 },
      { time: T0 + 10 * MIN, rateMlPerH: 120, deliveredMg: 10 },
      { time: T0 + 20 * MIN, rateMlPerH: 0, deliveredMg: 30 },
      { time: T0 + 25 * MIN, rateMlPerH: 60, deliveredMg: 30 },
      { time: T0 + 40 * MIN, rateMlPerH: 0, deliveredMg: 45 },
      { time: T0 + 60 * MIN, rateMlPerH: 0, deliveredMg: 45 },
    ]);
  });

  it('starts a window that opens mid-infusion at the rate and dose of that moment', () => {
    expect(deliveredDoseSteps(record, 2, { from: T0 + 15 * MIN, to: T0 + 22 * MIN })).toEqual([
      { time: T0 + 15 * MIN, rateMlPerH: 120, deliveredMg: 40 },
      { time: T0 + 20 * MIN, rateMlPerH: 0, deliveredMg: 60 },
      { time: T0 + 22 * MIN, rateMlPerH: 0, deliveredMg: 60 },
    ]);
  });

  it('draws nothing before the pump has started', () => {
    expect(deliveredDoseSteps([], 1, { from: T0, to: T0 + MIN })).toEqual([]);
    expect(deliveredDoseSteps(record, 1, { from: T0 - 10 * MIN, to: T0 - MIN })).toEqual([]);
  });

  it('ends on the dose the shared record gives at the window’s end, never falling', () => {
    const events = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 20 * MIN }), fc.integer({ min: 0, max: 400 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((steps) => {
        let time = T0;
        return steps.map(([gap, rate]) => {
          time += gap;
          return { at: new Date(time).toISOString(), rateMlPerH: rate };
        });
      });
    fc.assert(
      fc.property(
        events,
        fc.integer({ min: 0, max: 200 * MIN }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (pump, end, concentration) => {
          const domain = { from: T0, to: T0 + end };
          const points = deliveredDoseSteps(pump, concentration, domain);
          if (Date.parse(pump[0]!.at) > domain.to) return points.length === 0;
          const last = points.at(-1)!;
          const rising = points.every(
            (point, index) => index === 0 || point.deliveredMg >= points[index - 1]!.deliveredMg,
          );
          return (
            rising &&
            last.time === domain.to &&
            last.deliveredMg === roundMg(deliveredMg(pump, concentration, domain.to))
          );
        },
      ),
    );
  });
});

describe('the dose chart against the live header', () => {
  const SECOND = 1_000;
  const STEP = 5 * SECOND;

  it('moves the charts’ clock in steps, but to a pump event the moment it has happened', () => {
    const now = T0 + 10 * MIN + 4_500;
    expect(chartClock(now, STEP, [])).toBe(T0 + 10 * MIN);
    const stopped = [{ at: at(0) }, { at: new Date(T0 + 10 * MIN + 4 * SECOND).toISOString() }];
    expect(chartClock(now, STEP, stopped)).toBe(T0 + 10 * MIN + 4 * SECOND);
    // An event dated ahead of this screen's clock waits for it, as the header's figure does.
    const ahead = [{ at: new Date(now + SECOND).toISOString() }];
    expect(chartClock(now, STEP, ahead)).toBe(T0 + 10 * MIN);
  });

  it('ends on the header’s figure and the rate running now', () => {
    const points = deliveredDoseSteps(record, 1, { from: T0, to: T0 + 12 * MIN });
    const live = withLiveEnd(points, { deliveredMg: 14.04, rateMlPerH: 120 });
    expect(live.slice(0, -1)).toEqual(points.slice(0, -1));
    expect(live.at(-1)).toEqual({ time: T0 + 12 * MIN, deliveredMg: 14, rateMlPerH: 120 });
    expect(withLiveEnd([], { deliveredMg: 1, rateMlPerH: 60 })).toEqual([]);
  });

  it('knows the rate at any moment: nothing before the start, the last event’s after', () => {
    expect(pumpRateAt(record, T0 - MIN)).toBe(0);
    expect(pumpRateAt(record, T0 + 15 * MIN)).toBe(120);
    expect(pumpRateAt(record, T0 + 22 * MIN)).toBe(0);
  });
});
