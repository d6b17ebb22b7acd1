import { VITAL_RANGES, type CourseInfusion, type VitalSign } from '@vigil/shared';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cssVar, type ThemeToken } from '../../ui/theme/theme-tokens';
import { useCourseVitals } from '../hooks/use-course';
import { minuteTick, overlaidTrend, seriesKey, type InfusionRun } from '../utils/course-trends';

const CHARTED_SIGNS: readonly VitalSign[] = ['systolic', 'heartRate', 'spo2'];
/** One hue and one dash per infusion, so the lines part even without colour. */
const LINE_STYLES: ReadonlyArray<{ tone: ThemeToken; dash?: string }> = [
  { tone: 'trendHeartRate' },
  { tone: 'trendSystolic', dash: '6 3' },
  { tone: 'trendSpo2', dash: '2 3' },
  { tone: 'trendRespRate', dash: '8 3 2 3' },
  { tone: 'trendDiastolic', dash: '1 1' },
];
const HEIGHT = 220;

/** Several infusions overlaid on the minutes since each one started, a chart per vital sign. */
export function CourseTrends({
  patientId,
  infusions,
}: {
  patientId: string;
  infusions: readonly CourseInfusion[];
}) {
  const { samples, error } = useCourseVitals(patientId, infusions);
  const runs = useMemo<InfusionRun[] | undefined>(
    () =>
      samples &&
      infusions.map((infusion, index) => ({
        number: infusion.number,
        startedAt: infusion.date,
        samples: samples[index] ?? [],
      })),
    [infusions, samples],
  );
  if (infusions.length === 0) {
    return <p className="page__status">No infusion has started yet: nothing to compare.</p>;
  }
  if (error) {
    return (
      <p className="form-error" role="alert">
        Could not load the readings of every infusion: {error.message}
      </p>
    );
  }
  if (!runs) return <p role="status">Loading the readings of each infusion…</p>;
  return (
    <div className="course-trends">
      {CHARTED_SIGNS.map((sign) => (
        <OverlaidChart key={sign} sign={sign} runs={runs} />
      ))}
    </div>
  );
}

function OverlaidChart({ sign, runs }: { sign: VitalSign; runs: readonly InfusionRun[] }) {
  const points = useMemo(() => overlaidTrend(runs, sign), [runs, sign]);
  const { label, unit } = VITAL_RANGES[sign];
  return (
    <figure className="trend-chart" aria-label={`${label}, infusions overlaid`}>
      <figcaption className="trend-chart__title">
        {label} <span className="trend-chart__unit">{unit}</span>, by minutes since each start
      </figcaption>
      <div
        className="trend-chart__plot"
        role="img"
        aria-label={`${label} of infusions ${runs.map((run) => run.number).join(', ')}`}
        data-testid={`course-trend-${sign}`}
        data-points={points.length}
      >
        {points.length === 0 ? (
          <p className="trend-chart__empty">No {label} readings</p>
        ) : (
          <ResponsiveContainer
            width="100%"
            height={HEIGHT}
            initialDimension={{ width: 600, height: HEIGHT }}
          >
            <LineChart data={points} accessibilityLayer={false}>
              <CartesianGrid stroke={cssVar('colorBorder')} strokeDasharray="2 4" />
              <XAxis
                dataKey="minute"
                type="number"
                domain={[0, 'dataMax']}
                tickFormatter={minuteTick}
                stroke={cssVar('colorTextMuted')}
              />
              <YAxis width={40} domain={['auto', 'auto']} stroke={cssVar('colorTextMuted')} />
              <Tooltip
                labelFormatter={(minute) => `${Number(minute).toFixed(1)} min since the start`}
                contentStyle={{
                  background: cssVar('colorSurfaceRaised'),
                  border: `1px solid ${cssVar('colorBorder')}`,
                }}
              />
              <Legend />
              {runs.map((run, index) => {
                const style = LINE_STYLES[index % LINE_STYLES.length]!;
                return (
                  <Line
                    key={run.number}
                    dataKey={seriesKey(run.number)}
                    name={`Infusion ${run.number}`}
                    type="linear"
                    stroke={cssVar(style.tone)}
                    strokeDasharray={style.dash}
                    strokeWidth={2}
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
