import fc from 'fast-check';
import {
  acknowledgeRule,
  evaluateSample,
  INITIAL_RULE_STATE,
  type RuleEvent,
  type RuleState,
} from './alert-rules';
import { DEFAULT_THRESHOLD_PROFILE, type ThresholdRule } from './threshold-profile';

const rule = (code: string): ThresholdRule =>
  DEFAULT_THRESHOLD_PROFILE.rules.find((candidate) => candidate.code === code)!;
const SPO2 = rule('SPO2_LOW');
const SYSTOLIC = rule('SYSTOLIC_HIGH');
const options = { deepDesaturationSpo2: DEFAULT_THRESHOLD_PROFILE.deepDesaturationSpo2 };

/**
 * Feeds values one second apart, from 0 or from a second after the state's newest sample; returns
 * every event with the index of the sample.
 */
function run(target: ThresholdRule, values: number[], start: RuleState = INITIAL_RULE_STATE) {
  let state = start;
  const firstAt = start.previous ? start.previous.at + 1000 : 0;
  const events: Array<RuleEvent & { index: number }> = [];
  values.forEach((value, index) => {
    const result = evaluateSample(target, state, value, firstAt + index * 1000, options);
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
        expect(raises[0].index).toBe(SPO2.delayS);
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
          expect(resolves[0].index).toBe(SPO2.clearS);
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
          const late = evaluateSample(SPO2, state, lateValue, newestAt - lateByMs, options);
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
    expect(events.map(({ type, priority, value }) => ({ type, priority, value }))).toEqual([
      { type: 'raise', priority: 'medium', value: 160 },
      { type: 'upgrade', priority: 'high', value: 180 },
    ]);
  });

  it('keeps a medium alert open when a backlog of older normal values arrives after it', () => {
    const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
    let { state } = episode;
    const backlog: RuleEvent[] = [];
    for (let second = -60; second < 0; second += 1) {
      const result = evaluateSample(SPO2, state, 98, second * 1000, options);
      state = result.state;
      backlog.push(...result.events);
    }
    expect(backlog).toEqual([]);
    expect(state.open).toMatchObject({ priority: 'medium' });
    // The delay still counts from the first low sample: the next low one keeps the alert, no new raise.
    expect(evaluateSample(SPO2, state, 92, (SPO2.delayS + 1) * 1000, options).events).toEqual([]);
  });

  it('keeps an acknowledged alert open while its condition persists', () => {
    const episode = run(SPO2, Array(SPO2.delayS + 1).fill(92));
    const acked = acknowledgeRule(episode.state, 20_000);
    expect(acked.events).toEqual([]);
    expect(acked.state.open?.acknowledged).toBe(true);
  });
});
