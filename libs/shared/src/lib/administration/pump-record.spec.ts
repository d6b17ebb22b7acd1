import fc from 'fast-check';
import {
  deliveredMg,
  startedBeforePumpRecord,
  type PumpEvent,
  type PumpEventKind,
} from './pump-record';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
const MIN = 60_000;

type Step = Pick<PumpEvent, 'kind' | 'at' | 'rateMlPerH'>;
const event = (kind: PumpEventKind, minute: number, rateMlPerH: number): Step => ({
  kind,
  at: new Date(T0 + minute * MIN).toISOString(),
  rateMlPerH,
});

/** Any record a pump can produce: a start, then changes, pauses and resumes, in time order. */
const records = fc
  .array(
    fc.record({
      gapMin: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom<PumpEventKind>('rate-change', 'pause', 'resume'),
      rate: fc.integer({ min: 1, max: 3000 }).map((tenths) => tenths / 10),
    }),
    { maxLength: 12 },
  )
  .chain((steps) =>
    fc.integer({ min: 1, max: 3000 }).map((firstRate) => {
      let minute = 0;
      const events: Step[] = [event('start', 0, firstRate / 10)];
      for (const step of steps) {
        minute += step.gapMin;
        events.push(event(step.kind, minute, step.kind === 'pause' ? 0 : step.rate));
      }
      return events;
    }),
  );

describe('delivered dose', () => {
  it('is rate × time × concentration for a constant rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 1, max: 100 }),
        (rateTenths, minutes, concentrationTenths) => {
          const rate = rateTenths / 10;
          const concentration = concentrationTenths / 10;
          const got = deliveredMg([event('start', 0, rate)], concentration, T0 + minutes * MIN);
          expect(got).toBeCloseTo(rate * (minutes / 60) * concentration, 9);
        },
      ),
    );
  });

  it('never falls as time goes on', () => {
    fc.assert(
      fc.property(
        records,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (events, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(deliveredMg(events, 1, T0 + late * MIN)).toBeGreaterThanOrEqual(
            deliveredMg(events, 1, T0 + early * MIN),
          );
        },
      ),
    );
  });

  it('does not grow while the pump is paused or stopped', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 120 }), (events, pausedMin) => {
        const last = Date.parse(events.at(-1)?.at ?? '');
        const paused = [...events, event('pause', (last - T0) / MIN, 0)];
        const stopped = [...events, event('stop', (last - T0) / MIN, 0)];
        const atPause = deliveredMg(paused, 1, last);
        expect(deliveredMg(paused, 1, last + pausedMin * MIN)).toBeCloseTo(atPause, 9);
        expect(deliveredMg(stopped, 1, last + pausedMin * MIN)).toBeCloseTo(atPause, 9);
      }),
    );
  });

  it('counts nothing before the start or from events still ahead of the clock', () => {
    const events = [event('start', 10, 60), event('rate-change', 20, 600)];
    expect(deliveredMg(events, 1, T0)).toBe(0);
    expect(deliveredMg(events, 1, T0 + 20 * MIN)).toBeCloseTo(10, 9);
  });
});

describe('a session started before the administration record', () => {
  const startedAt = new Date(T0).toISOString();

  it('is one started with no pump start on record', () => {
    expect(startedBeforePumpRecord({ startedAt, pumpEvents: [] })).toBe(true);
    // Stopped after the upgrade: the stop is on record, its start is not.
    expect(startedBeforePumpRecord({ startedAt, pumpEvents: [event('stop', 40, 0)] })).toBe(true);
  });

  it('is not one whose record opens with its start, nor one never started', () => {
    const pumpEvents = [event('start', 0, 60), event('stop', 40, 0)];
    expect(startedBeforePumpRecord({ startedAt, pumpEvents })).toBe(false);
    expect(startedBeforePumpRecord({ startedAt: null, pumpEvents: [] })).toBe(false);
  });
});
