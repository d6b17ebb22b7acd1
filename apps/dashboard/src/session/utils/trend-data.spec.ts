import {
  DEFAULT_THRESHOLD_PROFILE,
  type Alert,
  type Assessment,
  type TimelineEvent,
} from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { aSample } from '../../../test/session.fixture';
import {
  baselineLines,
  alertEpisodes,
  profileAlarmLimits,
  pointsInDomain,
  sessionSpan,
  formatAxisTime,
  timeMarkers,
  timeTicks,
  trendPoints,
  zoomDomain,
  type TrendPoint,
} from './trend-data';

const t0 = Date.parse('2026-11-25T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1_000).toISOString();

const anAssessment = (baseline: Partial<Assessment['baseline']> = {}): Assessment => ({
  baseline: { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98, ...baseline },
  checklist: {
    consent: true,
    fasting: true,
    escortHome: true,
    psychiatricEvaluation: true,
    medicationsReviewed: true,
    pregnancyTest: 'not-applicable',
  },
  flags: [],
  assessedAt: at(-600),
  assessedBy: 'nurse',
});

describe('trendPoints', () => {
  it('keeps only samples that measured the chart’s signs, each with only those signs', () => {
    const samples = [
      aSample({ at: at(0), heartRate: 70, spo2: 98 }),
      aSample({ at: at(1), heartRate: 71 }),
      aSample({ at: at(2), systolic: 130, diastolic: 85, heartRate: 72 }),
    ];
    expect(trendPoints(samples, ['systolic', 'diastolic'])).toEqual([
      { time: t0 + 2_000, systolic: 130, diastolic: 85 },
    ]);
    expect(trendPoints(samples, ['spo2'])).toEqual([{ time: t0, spo2: 98 }]);
  });

  it('puts the points in time order even when the samples arrived out of order', () => {
    const samples = [aSample({ at: at(5), heartRate: 80 }), aSample({ at: at(1), heartRate: 70 })];
    expect(trendPoints(samples, ['heartRate']).map((point) => point.heartRate)).toEqual([70, 80]);
  });

  it('keeps a zero reading rather than dropping it as missing', () => {
    expect(trendPoints([aSample({ at: at(0), respRate: 0 })], ['respRate'])).toEqual([
      { time: t0, respRate: 0 },
    ]);
  });
});

describe('zoomDomain and sessionSpan', () => {
  const session = { createdAt: at(-3_600), startedAt: at(0) };

  it('spans a live session from its start (or earlier first reading) to now', () => {
    const samples = [aSample({ at: at(-120), heartRate: 70 }), aSample({ at: at(600), spo2: 97 })];
    expect(sessionSpan(session, samples, t0 + 900_000, true)).toEqual({
      start: t0 - 120_000,
      end: t0 + 900_000,
    });
  });

  it('ends a finished session at its last reading, not at the screen’s clock', () => {
    const samples = [aSample({ at: at(0), heartRate: 70 }), aSample({ at: at(3_000), spo2: 97 })];
    expect(sessionSpan(session, samples, t0 + 86_400_000, false).end).toBe(t0 + 3_000_000);
  });

  it('shows the last five minutes, or the whole session', () => {
    const span = { start: t0, end: t0 + 1_800_000 };
    expect(zoomDomain('recent', span, 300_000)).toEqual({ from: t0 + 1_500_000, to: span.end });
    expect(zoomDomain('session', span, 300_000)).toEqual({ from: t0, to: span.end });
  });

  it('does not reach before the session when it is younger than the recent window', () => {
    expect(zoomDomain('recent', { start: t0, end: t0 + 60_000 }, 300_000).from).toBe(t0);
  });
});

describe('pointsInDomain', () => {
  const points: TrendPoint[] = Array.from({ length: 1_000 }, (_, index) => ({
    time: t0 + index * 1_000,
    heartRate: 60 + (index % 40),
  }));

  it('keeps only the points inside the window', () => {
    const inside = pointsInDomain(
      points,
      ['heartRate'],
      { from: t0 + 10_000, to: t0 + 19_000 },
      600,
    );
    expect(inside).toHaveLength(10);
    expect(inside[0]?.time).toBe(t0 + 10_000);
    expect(inside.at(-1)?.time).toBe(t0 + 19_000);
  });

  it('thins a long window to the limit, keeping the newest point exactly', () => {
    const thinned = pointsInDomain(points, ['heartRate'], { from: t0, to: t0 + 999_000 }, 100);
    expect(thinned.length).toBeLessThanOrEqual(100);
    // 25 intervals (100 points / 4 per sign), each with at least its first and last point.
    expect(thinned.length).toBeGreaterThanOrEqual(50);
    expect(thinned.at(-1)).toBe(points.at(-1));
  });

  it('keeps a brief SpO2 dip at its depth on the whole-session chart', () => {
    // Three hours at 1 Hz; SpO2 down to 83 % for three seconds within a two-minute dip.
    const session: TrendPoint[] = Array.from({ length: 3 * 3_600 }, (_, second) => ({
      time: t0 + second * 1_000,
      spo2: Math.min(97, 83 + Math.round(Math.abs(second - 6_001) / 4)),
    }));
    const drawn = pointsInDomain(session, ['spo2'], { from: t0, to: t0 + 3 * 3_600_000 }, 600);
    expect(drawn.length).toBeLessThanOrEqual(600);
    expect(Math.min(...drawn.map((point) => point.spo2 ?? 100))).toBe(83);
  });

  it('keeps the extremes of both blood pressure lines', () => {
    const cuffs: TrendPoint[] = Array.from({ length: 2_000 }, (_, index) => ({
      time: t0 + index * 1_000,
      systolic: index === 1_234 ? 210 : 120,
      diastolic: index === 777 ? 40 : 80,
    }));
    const drawn = pointsInDomain(
      cuffs,
      ['systolic', 'diastolic'],
      { from: t0, to: t0 + 1_999_000 },
      600,
    );
    expect(drawn.length).toBeLessThanOrEqual(600);
    expect(drawn.map((point) => point.systolic)).toContain(210);
    expect(drawn.map((point) => point.diastolic)).toContain(40);
  });
});

describe('reference lines', () => {
  it("draws the session's profile limits, the contract's defaults for the default profile", () => {
    const limits = profileAlarmLimits(DEFAULT_THRESHOLD_PROFILE, null);
    const values = (chart: keyof typeof limits) =>
      limits[chart].map((limit) => [limit.label, limit.priority]);
    expect(values('spo2')).toEqual([
      ['SpO2 < 94', 'medium'],
      ['SpO2 < 90', 'high'],
    ]);
    expect(values('bloodPressure')).toEqual(
      expect.arrayContaining([
        ['Systolic ≥ 160', 'medium'],
        ['Systolic ≥ 180', 'high'],
        ['Diastolic ≥ 100', 'medium'],
        ['Diastolic ≥ 110', 'high'],
      ]),
    );
    expect(values('heartRate')).toEqual(
      expect.arrayContaining([
        ['HR > 110', 'medium'],
        ['HR > 130', 'high'],
      ]),
    );
  });

  it('applies limits relative to the baseline where they are stricter', () => {
    const profile = {
      ...DEFAULT_THRESHOLD_PROFILE,
      rules: DEFAULT_THRESHOLD_PROFILE.rules.map((rule) =>
        rule.code === 'SYSTOLIC_HIGH' ? { ...rule, baselineRelative: { medium: 0.2 } } : rule,
      ),
    };
    const systolic = profileAlarmLimits(profile, {
      systolic: 120,
      diastolic: 80,
      heartRate: 70,
      spo2: 98,
    }).bloodPressure.filter((limit) => limit.label.startsWith('Systolic ≥'));
    expect(systolic.map((limit) => limit.value)).toEqual([144, 180]);
  });
});

describe('alert episodes', () => {
  const window = { from: t0, to: t0 + 600_000 };
  /** Raised a minute into the window, resolved a minute later. */
  const alert = (overrides: Partial<Alert>): Alert =>
    anAlert({
      state: 'resolved',
      message: 'SpO2 85 < 90',
      raisedAt: new Date(t0 + 60_000).toISOString(),
      resolvedAt: new Date(t0 + 120_000).toISOString(),
      ...overrides,
    });

  it("shades an alert on its own sign's chart, from raised to resolved", () => {
    expect(alertEpisodes([alert({})], 'spo2', window, t0 + 600_000)).toEqual([
      { from: t0 + 60_000, to: t0 + 120_000, priority: 'high', label: 'SpO2 85 < 90' },
    ]);
    expect(alertEpisodes([alert({})], 'heartRate', window, t0 + 600_000)).toEqual([]);
  });

  it('runs an open alert to now and cuts episodes to the window', () => {
    const open = alert({
      state: 'active',
      resolvedAt: null,
      raisedAt: new Date(t0 - 60_000).toISOString(),
    });
    expect(alertEpisodes([open], 'spo2', window, t0 + 300_000)).toEqual([
      expect.objectContaining({ from: t0, to: t0 + 300_000 }),
    ]);
  });

  it('leaves side-effect alerts to the markers', () => {
    const clinical = alert({ kind: 'clinical', code: 'SIDE_EFFECT_SEVERE' });
    expect(alertEpisodes([clinical], 'spo2', window, t0 + 600_000)).toEqual([]);
  });

  it('marks the baseline only when there is an assessment', () => {
    expect(baselineLines('heartRate', null)).toEqual([]);
    expect(baselineLines('bloodPressure', anAssessment()).map((line) => line.value)).toEqual([
      128, 82,
    ]);
    expect(baselineLines('spo2', anAssessment())).toEqual([
      { value: 98, label: 'Baseline SpO2 98' },
    ]);
  });

  it('has no respiratory baseline when none was measured', () => {
    expect(baselineLines('respRate', anAssessment())).toEqual([]);
    expect(baselineLines('respRate', anAssessment({ respRate: 14 }))).toEqual([
      { value: 14, label: 'Baseline RR 14' },
    ]);
  });
});

describe('timeMarkers', () => {
  const event = (kind: TimelineEvent['kind'], seconds: number, summary: string): TimelineEvent => ({
    at: at(seconds),
    kind,
    actor: 'nurse',
    summary,
    detail: {},
  });

  it('marks observations and interventions inside the window, and nothing else', () => {
    const log = [
      event('state', 0, 'Infusion started'),
      event('observation', 60, 'Nausea (mild)'),
      event('alert', 90, 'SpO2 86 < 90'),
      event('intervention', 120, 'Rate reduced'),
      event('observation', 9_000, 'Dizziness (mild)'),
    ];
    expect(timeMarkers(log, { from: t0, to: t0 + 600_000 })).toEqual([
      { time: t0 + 60_000, kind: 'observation', label: 'Nausea (mild)' },
      { time: t0 + 120_000, kind: 'intervention', label: 'Rate reduced' },
    ]);
  });
});

describe('timeTicks', () => {
  const minutes = (n: number) => n * 60_000;

  it('ticks every whole minute in a five-minute window, each reading differently', () => {
    const ticks = timeTicks({ from: t0 + 20_000, to: t0 + 20_000 + minutes(5) });
    expect(ticks).toEqual([1, 2, 3, 4, 5].map((n) => t0 + minutes(n)));
    expect(new Set(ticks.map(formatAxisTime)).size).toBe(ticks.length);
  });

  it('takes longer steps for a whole session (95 min: every half hour), never more than seven ticks', () => {
    const ticks = timeTicks({ from: t0 - 7_000, to: t0 + minutes(95) });
    expect(ticks).toEqual([0, 30, 60, 90].map((n) => t0 + minutes(n)));
    for (const span of [1, 4, 12, 40, 61, 200, 600]) {
      expect(timeTicks({ from: t0, to: t0 + minutes(span) }).length).toBeLessThanOrEqual(7);
    }
  });
});
