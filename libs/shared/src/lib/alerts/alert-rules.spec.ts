import fc from 'fast-check';
import {
  acknowledgeRule,
  adoptAlert,
  advanceRule,
  evaluateSample,
  INITIAL_RULE_STATE,
  newRuleState,
  releaseAlert,
  type RuleEvent,
  sourceState,
  type RuleState,
} from './alert-rules';
import { DEFAULT_THRESHOLD_PROFILE, type ThresholdRule } from './threshold-profile';

const rule = (code: string): ThresholdRule =>
  DEFAULT_THRESHOLD_PROFILE.rules.find((candidate) => candidate.code === code)!;
const SPO2 = rule('SPO2_LOW');
const SYSTOLIC = rule('SYSTOLIC_HIGH');
const options = { deepDesaturationSpo2: DEFAULT_THRESHOLD_PROFILE.deepDesaturationSpo2 };

const MONITOR = 'device:monitor';

/**
 * Feeds one source's values one second apart, from 0 or from a second after that source's newest
 * sample; returns every event with the index of the sample.
 */
function run(
  target: ThresholdRule,
  values: number[],
  start: RuleState = INITIAL_RULE_STATE,
  source = MONITOR,
) {
  let state = start;
  const newest = sourceState(start, source)?.previous;
  const firstAt = newest ? newest.at + 1000 : 0;
  const events: Array<RuleEvent & { index: number }> = [];
  values.forEach((value, index) => {
    const result = evaluateSample(target, state, source, value, firstAt + index * 1000, options);
    state = result.state;
    events.push(...result.events.map((event) => ({ ...event, index })));
  });
  return { state, events };
}

const normalSpo2 = fc.integer({ min: 95, max: 100 });
const lowSpo2 = fc.integer({ min: 86, max: 93 });
const anySpo2 = fc.integer({ min: 70, max: 100 });

describe('alert rules (properties)', () => {
  it('raises nothing before the condition has held for the delay', () => {
    fc.assert(
      fc.property(fc.array(lowSpo2, { minLength: 1, maxLength: SPO2.delayS }), (values) => {
        expect(run(SPO2, values).events).toEqual([]);
      }),
    );
  });

  it('raises once the condition has held for the delay, on the samples’ own times', () => {
    fc.assert(
      fc.property(fc.array(lowSpo2, { minLength: SPO2.delayS + 1, maxLength: 60 }), (values) => {
        const raises = run(SPO2, values).events.filter((event) => event.type === 'raise');
        expect(raises).toHaveLength(1);
        expect(raises[0]?.index).toBe(SPO2.delayS);
      }),
    );
  });

  it('never opens a second alert while one is open: raise and resolve alternate', () => {
    fc.assert(
      fc.property(fc.array(anySpo2, { maxLength: 200 }), (values) => {
        const kinds = run(SPO2, values)
          .events.filter((event) => event.type !== 'upgrade')
          .map((event) => event.type);
        kinds.forEach((kind, index) => expect(kind).toBe(index % 2 === 0 ? 'raise' : 'resolve'));
      }),
    );
  });

  it('only upgrades an open alert, never downgrades it', () => {
    fc.assert(
      fc.property(fc.array(anySpo2, { maxLength: 200 }), (values) => {
        for (const event of run(SPO2, values).events) {
          if (event.type === 'upgrade') expect(event.priority).toBe('high');
        }
      }),
    );
  });

  it('keeps a high alert latched until acknowledged, then resolves it if the condition is gone', () => {
    fc.assert(
      fc.property(fc.array(normalSpo2, { minLength: 1, maxLength: 100 }), (recovery) => {
        const episode = run(SPO2, [...Array(SPO2.delayS + 1).fill(88), 88]);
        const high = run(SPO2, [80, 80, 80], episode.state);
        const after = run(SPO2, recovery, high.state);
        expect(after.events.filter((event) => event.type === 'resolve')).toEqual([]);
        const acked = acknowledgeRule(after.state, 999_999);
        expect(acked.events).toEqual([{ type: 'resolve', at: 999_999 }]);
      }),
    );
  });

  it('resolves a medium alert once the condition has been clear for the clear time', () => {
    fc.assert(
      fc.property(
        fc.array(normalSpo2, { minLength: SPO2.clearS + 1, maxLength: 60 }),
        (recovery) => {
          const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
          const after = run(SPO2, recovery, episode.state);
          const resolves = after.events.filter((event) => event.type === 'resolve');
          expect(resolves).toHaveLength(1);
          expect(resolves[0]?.index).toBe(SPO2.clearS);
        },
      ),
    );
  });

  it('leaves the rule as it was for a sample older than the newest it has seen', () => {
    fc.assert(
      fc.property(
        fc.array(anySpo2, { minLength: 1, maxLength: 100 }),
        anySpo2,
        fc.integer({ min: 1, max: 120_000 }),
        (values, lateValue, lateByMs) => {
          const { state } = run(SPO2, values);
          const newestAt = (values.length - 1) * 1000;
          const late = evaluateSample(
            SPO2,
            state,
            MONITOR,
            lateValue,
            newestAt - lateByMs,
            options,
          );
          expect(late).toEqual({ state, events: [] });
        },
      ),
    );
  });
});

describe('alert rules (examples)', () => {
  it('raises a deep desaturation at once, bypassing the delay', () => {
    const { events } = run(SPO2, [88, 84]);
    expect(events).toEqual([
      { type: 'raise', priority: 'high', value: 84, threshold: 90, at: 1000, index: 1 },
    ]);
  });

  it('does not page for a one-sample probe artefact, but does when the next sample confirms it', () => {
    expect(run(SPO2, [98, 80, 98, 97]).events).toEqual([]);
    expect(run(SPO2, [98, 80, 81]).events.map((event) => event.type)).toEqual(['raise']);
  });

  it('raises systolic ≥ 160 medium and upgrades at ≥ 180, at the limits themselves', () => {
    const { events } = run(SYSTOLIC, [159, 160, 175, 180]);
    const summaries = events.map((event) =>
      event.type === 'resolve'
        ? { type: event.type }
        : { type: event.type, priority: event.priority, value: event.value },
    );
    expect(summaries).toEqual([
      { type: 'raise', priority: 'medium', value: 160 },
      { type: 'upgrade', priority: 'high', value: 180 },
    ]);
  });

  it('keeps a medium alert open when a backlog of older normal values arrives after it', () => {
    const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
    let { state } = episode;
    const backlog: RuleEvent[] = [];
    for (let second = -60; second < 0; second += 1) {
      const result = evaluateSample(SPO2, state, MONITOR, 98, second * 1000, options);
      state = result.state;
      backlog.push(...result.events);
    }
    expect(backlog).toEqual([]);
    expect(state.open).toMatchObject({ priority: 'medium' });
    // The delay still counts from the first low sample: the next low one keeps the alert, no new raise.
    expect(
      evaluateSample(SPO2, state, MONITOR, 92, (SPO2.delayS + 1) * 1000, options).events,
    ).toEqual([]);
  });

  it('keeps an acknowledged alert open while its condition persists', () => {
    const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
    const acked = acknowledgeRule(episode.state, 20_000);
    expect(acked.events).toEqual([]);
    expect(acked.state.open?.acknowledged).toBe(true);
  });
});

/** One reading as the engine receives it, in arrival order. */
interface Reading {
  source: string;
  value: number;
  at: number;
}

function feed(target: ThresholdRule, readings: Reading[], start: RuleState = INITIAL_RULE_STATE) {
  let state = start;
  const events: Array<RuleEvent & { source: string }> = [];
  const after: RuleState[] = [];
  for (const { source, value, at } of readings) {
    const result = evaluateSample(target, state, source, value, at, options);
    state = result.state;
    events.push(...result.events.map((event) => ({ ...event, source })));
    after.push(state);
  }
  return { state, events, after };
}

const RANK = { low: 0, medium: 1, high: 2 } as const;

function deepFrozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    Object.freeze(node);
    Object.values(node).forEach(freeze);
  };
  freeze(copy);
  return copy;
}
const SECOND_SOURCE = 'user:nurse';

/**
 * The monitor's readings one second apart, and another source's (a manual entry, a second monitor)
 * mixed in: each on a clock up to 5 s off the monitor's, sent every few seconds.
 */
const twoSources = fc
  .record({
    monitor: fc.array(anySpo2, { minLength: 1, maxLength: 120 }),
    other: fc.array(fc.option(anySpo2, { freq: 2 }), { maxLength: 120 }),
    skewMs: fc.integer({ min: -5_000, max: 5_000 }),
  })
  .map(({ monitor, other, skewMs }) => {
    const readings: Reading[] = [];
    const monitorIndex: number[] = [];
    monitor.forEach((value, index) => {
      const entry = other[index];
      if (entry !== undefined && entry !== null)
        readings.push({ source: SECOND_SOURCE, value: entry, at: index * 1000 + skewMs });
      monitorIndex.push(readings.length);
      readings.push({ source: MONITOR, value, at: index * 1000 });
    });
    return { monitor, readings, monitorIndex };
  });

describe('alert rules with several sources (properties)', () => {
  it('another source never suppresses, delays, lowers or clears the alert the monitor’s readings show', () => {
    fc.assert(
      fc.property(twoSources, ({ monitor, readings, monitorIndex }) => {
        const alone = run(SPO2, monitor).events;
        const mixed = feed(SPO2, readings).after;
        let open: RuleState['open'] = null;
        monitor.forEach((_, index) => {
          for (const event of alone.filter((candidate) => candidate.index === index)) {
            if (event.type === 'resolve') open = null;
            else open = { ...event, acknowledged: false };
          }
          if (!open) return;
          // monitorIndex places each monitor reading among the mixed ones, one state each.
          const withOther = mixed[monitorIndex[index]!]!.open;
          expect(withOther).not.toBeNull();
          expect(RANK[withOther!.priority]).toBeGreaterThanOrEqual(RANK[open.priority]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('advances a state its owner keeps in place exactly as the pure evaluation does, and the pure one changes nothing it is given', () => {
    fc.assert(
      fc.property(twoSources, fc.integer({ min: 0, max: 200 }), ({ readings }, ackAt) => {
        const owned = newRuleState();
        let pure: RuleState = deepFrozen(INITIAL_RULE_STATE);
        readings.forEach(({ source, value, at }, index) => {
          const inPlace = advanceRule(SPO2, owned, source, value, at, options);
          // Frozen: evaluateSample throws if it writes to the state it was given.
          const result = evaluateSample(SPO2, pure, source, value, at, options);
          expect(inPlace).toEqual(result.events);
          expect(owned).toEqual(result.state);
          pure = deepFrozen(
            index === ackAt ? acknowledgeRule(result.state, at).state : result.state,
          );
          if (index === ackAt) Object.assign(owned, structuredClone(pure));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('resolves only once every source that showed the condition has been clear for the clear time', () => {
    fc.assert(
      fc.property(twoSources, ({ readings }) => {
        const { events, after } = feed(SPO2, readings);
        for (const event of events.filter((candidate) => candidate.type === 'resolve')) {
          const index = after.findIndex((_, position) => {
            const reading = readings[position]!; // one state per reading
            return reading.source === event.source && reading.at === event.at;
          });
          const before = index === 0 ? INITIAL_RULE_STATE : after[index - 1]!;
          for (const state of before.sources) {
            if (state.source === event.source || !state.involved) continue;
            expect(state.conditionSince).toBeNull();
            expect(state.previous!.at - state.clearSince!).toBeGreaterThanOrEqual(
              SPO2.clearS * 1000,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('judges lateness per source: a clock running ahead makes no other source’s reading late', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(lowSpo2, { minLength: SPO2.delayS + 1, maxLength: 40 }),
        (aheadMs, lows) => {
          const readings: Reading[] = lows.flatMap((value, index) => [
            { source: SECOND_SOURCE, value: 98, at: index * 1000 + aheadMs },
            { source: MONITOR, value, at: index * 1000 },
          ]);
          const raises = feed(SPO2, readings).events.filter((event) => event.type === 'raise');
          expect(raises).toEqual([
            expect.objectContaining({ source: MONITOR, at: SPO2.delayS * 1000 }),
          ]);
        },
      ),
    );
  });
});

describe('alert rules with several sources (examples)', () => {
  it('raises the bedside monitor’s desaturation while a manual entry on a fast clock says 98 (issue 12.1)', () => {
    const readings: Reading[] = [];
    for (let second = 0; second <= 20; second += 1) {
      if (second % 4 === 0)
        readings.push({ source: SECOND_SOURCE, value: 98, at: second * 1000 + 4_900 });
      readings.push({ source: MONITOR, value: 72, at: second * 1000 });
    }
    const { events, state } = feed(SPO2, readings);
    expect(events).toEqual([
      { type: 'raise', priority: 'high', value: 72, threshold: 90, at: 0, source: MONITOR },
    ]);
    expect(state.open).toMatchObject({ priority: 'high' });
  });

  it('keeps the alert open while a source that showed the condition is silent, and resolves when it clears', () => {
    const low = Array.from({ length: SPO2.delayS + 1 }, (_, second) => ({
      source: MONITOR,
      value: 92,
      at: second * 1000,
    }));
    const episode = feed(SPO2, low);
    expect(episode.events.map((event) => event.type)).toEqual(['raise']);
    const manualNormal = Array.from({ length: 60 }, (_, second) => ({
      source: SECOND_SOURCE,
      value: 98,
      at: (SPO2.delayS + 1 + second) * 1000,
    }));
    const meanwhile = feed(SPO2, manualNormal, episode.state);
    expect(meanwhile.events).toEqual([]);
    expect(acknowledgeRule(meanwhile.state, 100_000).events).toEqual([]);
    const recovery = Array.from({ length: SPO2.clearS + 1 }, (_, second) => ({
      source: MONITOR,
      value: 97,
      at: (100 + second) * 1000,
    }));
    expect(feed(SPO2, recovery, meanwhile.state).events).toEqual([
      { type: 'resolve', at: (100 + SPO2.clearS) * 1000, source: MONITOR },
    ]);
  });

  it('upgrades the session’s one alert when another source shows it worse, and an acknowledgement covers every source', () => {
    const low = Array.from({ length: SPO2.delayS + 1 }, (_, second) => ({
      source: MONITOR,
      value: 92,
      at: second * 1000,
    }));
    const episode = feed(SPO2, [...low, { source: SECOND_SOURCE, value: 80, at: 5_000 }]);
    expect(episode.events.map((event) => [event.type, event.source])).toEqual([
      ['raise', MONITOR],
      ['upgrade', SECOND_SOURCE],
    ]);
    const acked = acknowledgeRule(episode.state, 20_000);
    expect(acked.events).toEqual([]);
    const later = feed(SPO2, [{ source: MONITOR, value: 92, at: 21_000 }], acked.state);
    expect(later.events).toEqual([]);
    expect(later.state.open).toMatchObject({ priority: 'high', acknowledged: true });
  });

  it('an alert taken over from elsewhere needs readings clear for the clear time, not an acknowledgement alone', () => {
    const adopted = adoptAlert(
      INITIAL_RULE_STATE,
      { priority: 'high', value: 80, threshold: 90, acknowledged: false },
      0,
    );
    const briefly = feed(SPO2, [{ source: MONITOR, value: 98, at: 1_000 }], adopted);
    expect(acknowledgeRule(briefly.state, 2_000).events).toEqual([]);
    const recovered = run(SPO2, Array(SPO2.clearS + 1).fill(98), briefly.state);
    expect(recovered.events).toEqual([]);
    expect(acknowledgeRule(recovered.state, 30_000).events).toEqual([
      { type: 'resolve', at: 30_000 },
    ]);
  });

  it('after an alert is resolved elsewhere, a condition still held here raises again at its next reading', () => {
    const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
    const released = releaseAlert(episode.state);
    expect(released.open).toBeNull();
    expect(run(SPO2, [92], released).events).toEqual([
      expect.objectContaining({ type: 'raise', priority: 'medium', index: 0 }),
    ]);
  });
});
