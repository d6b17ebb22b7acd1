import {
  DEFAULT_THRESHOLD_PROFILE,
  effectiveRule,
  replayProfile,
  type ReplayedEpisode,
  type ThresholdProfile,
  type SourcedVitalSample,
} from '@vigil/shared';
import fc from 'fast-check';
import { AlertEngine } from '../alerts/alert-engine';

const START = Date.parse('2026-11-25T10:00:00.000Z');

/** Every raise, upgrade and resolution, in one comparable form. */
type FlatEvent = [code: string, type: string, at: string, priority?: string, value?: number];

function flattenEpisodes(episodes: ReplayedEpisode[]): FlatEvent[] {
  return episodes.flatMap((episode): FlatEvent[] => [
    [episode.code, 'raise', episode.raisedAt, episode.raisedPriority, episode.value],
    ...episode.upgrades.map((upgrade): FlatEvent => [
      episode.code,
      'upgrade',
      upgrade.at,
      upgrade.priority,
      upgrade.value,
    ]),
    ...(episode.clearedAt ? [[episode.code, 'resolve', episode.clearedAt] as FlatEvent] : []),
  ]);
}

/** What the live engine emits for the same readings, the way AlertsService.observe calls it. */
function liveEvents(
  profile: ThresholdProfile,
  baseline: Record<string, number> | null,
  samples: SourcedVitalSample[],
): FlatEvent[] {
  const effective = {
    ...profile,
    rules: profile.rules.map((rule) => effectiveRule(rule, baseline)),
  };
  return new AlertEngine().evaluate('session', samples, effective).map(({ code, event }) => {
    const at = new Date(event.at).toISOString();
    return event.type === 'resolve'
      ? [code, 'resolve', at]
      : [code, event.type, at, event.priority, event.value];
  });
}

const sorted = (events: FlatEvent[]) =>
  events.map((event) => JSON.stringify(event)).sort((a, b) => a.localeCompare(b));

const reading = fc.record(
  {
    spo2: fc.integer({ min: 70, max: 100 }),
    heartRate: fc.integer({ min: 30, max: 150 }),
    systolic: fc.integer({ min: 70, max: 200 }),
    diastolic: fc.integer({ min: 40, max: 120 }),
    respRate: fc.integer({ min: 4, max: 20 }),
  },
  { requiredKeys: [] },
);

const SOURCES = ['device:monitor', 'device:second-monitor', 'user:nurse'] as const;

/**
 * Readings from up to three sources (a monitor, a second monitor, a nurse's manual entries), one
 * to three seconds apart, each source on a clock up to 5 s off; delivered in time order, which is
 * the order the replay reads them back in.
 */
const recording = fc
  .record({
    steps: fc.array(
      fc.tuple(reading, fc.integer({ min: 1, max: 3 }), fc.constantFrom(...SOURCES)),
      { maxLength: 200 },
    ),
    skewMs: fc.tuple(...SOURCES.map(() => fc.integer({ min: -5_000, max: 5_000 }))),
  })
  .map(({ steps, skewMs }) => {
    let at = START;
    const samples = steps.map(([measurements, gapS, source]): SourcedVitalSample => {
      at += gapS * 1000;
      // One skew per source, in SOURCES order.
      const time = new Date(at + skewMs[SOURCES.indexOf(source)]!).toISOString();
      return {
        sessionId: 'session',
        seq: null,
        at: time,
        receivedAt: time,
        source,
        ...measurements,
      };
    });
    return samples.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  });

const profile = fc
  .record({
    deepDesaturationSpo2: fc.integer({ min: 75, max: 90 }),
    relativeHr: fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }),
  })
  .map(({ deepDesaturationSpo2, relativeHr }): ThresholdProfile => ({
    ...DEFAULT_THRESHOLD_PROFILE,
    deepDesaturationSpo2,
    rules: DEFAULT_THRESHOLD_PROFILE.rules.map((rule) =>
      rule.code === 'HR_HIGH' && relativeHr !== undefined
        ? { ...rule, baselineRelative: { medium: relativeHr } }
        : rule,
    ),
  }));

const baseline = fc.option(
  fc.record({
    systolic: fc.integer({ min: 100, max: 160 }),
    heartRate: fc.integer({ min: 50, max: 100 }),
  }),
  { nil: null },
);

describe('the preview replays readings exactly as the live engine evaluates them', () => {
  it('raises, upgrades and resolves the same alerts at the same times', () => {
    fc.assert(
      fc.property(profile, baseline, recording, (rules, base, samples) => {
        expect(sorted(flattenEpisodes(replayProfile(rules, base, samples)))).toEqual(
          sorted(liveEvents(rules, base, samples)),
        );
      }),
    );
  });
});
