import {
  effectiveRule,
  keepExtremes,
  VITAL_RANGES,
  type Assessment,
  type ThresholdProfile,
  type VitalSample,
  type VitalSign,
} from '@vigil/shared';

export interface ChartPoint {
  time: number;
  value: number;
}

export interface ChartLine {
  label: string;
  color: string;
  points: ChartPoint[];
}

export interface ChartLimit {
  value: number;
  priority: 'medium' | 'high';
  label: string;
}

export interface ReportChart {
  title: string;
  unit: string;
  lines: ChartLine[];
  limits: ChartLimit[];
  /** The value axis: the readings and limits, within what the sign can measure. */
  low: number;
  high: number;
}

export interface ReportCharts {
  /** The first and last reading's times; no charts are drawn without two of them. */
  from: number;
  to: number;
  charts: ReportChart[];
}

type ChartedSign = Exclude<VitalSign, 'etco2'>;

interface LineSpec {
  sign: ChartedSign;
  label: string;
  color: string;
}

/** Each chart draws at least one line; the first one's unit is the chart's. */
const CHARTS: ReadonlyArray<{ title: string; lines: readonly [LineSpec, ...LineSpec[]] }> = [
  {
    title: 'Blood pressure',
    lines: [
      { sign: 'systolic', label: 'Systolic', color: '#b91c1c' },
      { sign: 'diastolic', label: 'Diastolic', color: '#ea580c' },
    ],
  },
  { title: 'Heart rate', lines: [{ sign: 'heartRate', label: 'Heart rate', color: '#1d4ed8' }] },
  { title: 'SpO2', lines: [{ sign: 'spo2', label: 'SpO2', color: '#047857' }] },
  {
    title: 'Respiratory rate',
    lines: [{ sign: 'respRate', label: 'Resp. rate', color: '#6b21a8' }],
  },
];

/** In plain ASCII: the PDF's standard fonts have no `≥`. */
const COMPARISON = { below: '<', above: '>=' } as const;

/**
 * The alarm limits a chart draws: each rule of the session's limits on its signs, with the limits
 * relative to the baseline applied, as the server evaluated them.
 */
function chartLimits(
  signs: readonly ChartedSign[],
  limits: ThresholdProfile,
  baseline: Assessment['baseline'] | null,
): ChartLimit[] {
  return limits.rules
    .filter((rule) => signs.includes(rule.sign))
    .flatMap((rule) => {
      const effective = effectiveRule(rule, baseline);
      const comparison =
        rule.direction === 'above' && !rule.inclusive ? '>' : COMPARISON[rule.direction];
      return (['medium', 'high'] as const).flatMap((priority) => {
        const value = effective[priority];
        return value === null
          ? []
          : [{ value, priority, label: `${VITAL_RANGES[rule.sign].label} ${comparison} ${value}` }];
      });
    });
}

/**
 * The printed trend charts: one per group of signs, each line thinned to `intervals` intervals
 * keeping every interval's first, last, lowest and highest reading, so a dip of seconds in a
 * session of hours is still drawn at its depth.
 */
export function reportCharts(
  vitals: readonly VitalSample[],
  limits: ThresholdProfile,
  baseline: Assessment['baseline'] | null,
  intervals: number,
): ReportCharts {
  let from = Infinity;
  let to = -Infinity;
  for (const sample of vitals) {
    const time = Date.parse(sample.at);
    from = Math.min(from, time);
    to = Math.max(to, time);
  }
  const charts = CHARTS.map(({ title, lines: specs }): ReportChart => {
    const signs = specs.map((spec) => spec.sign);
    const lines = specs.map(({ sign, label, color }) => {
      const readings = vitals.flatMap((sample): ChartPoint[] => {
        const value = sample[sign];
        return typeof value === 'number' ? [{ time: Date.parse(sample.at), value }] : [];
      });
      const points = keepExtremes(readings, {
        time: (point) => point.time,
        values: [(point) => point.value],
        from,
        to,
        intervals,
      });
      return { label, color, points };
    });
    const levels = chartLimits(signs, limits, baseline);
    const values = [
      ...lines.flatMap((line) => line.points.map((point) => point.value)),
      ...levels.map((level) => level.value),
    ];
    const floor = Math.min(...signs.map((sign) => VITAL_RANGES[sign].min));
    const ceiling = Math.max(...signs.map((sign) => VITAL_RANGES[sign].max));
    return {
      title,
      unit: VITAL_RANGES[specs[0].sign].unit,
      lines,
      limits: levels,
      low: values.length ? Math.max(floor, Math.floor(Math.min(...values) - 5)) : floor,
      high: values.length ? Math.min(ceiling, Math.ceil(Math.max(...values) + 5)) : ceiling,
    };
  });
  return { from, to, charts };
}
