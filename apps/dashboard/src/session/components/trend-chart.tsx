import { VITAL_RANGES, type VitalSign } from '@vigil/shared';
import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cssVar, type ThemeToken } from '../../ui/theme/theme-tokens';
import { spreadLabels, valueAxis, valueToPx } from '../utils/chart-labels';
import {
  formatAxisTime,
  type AlarmLimit,
  type AlertEpisode,
  type BaselineLine,
  type TimeDomain,
  type TimeMarker,
  type TrendPoint,
} from '../utils/trend-data';
import { TIME_AXIS_HEIGHT, timeAxisProps } from './time-axis';

export interface TrendSeries {
  sign: VitalSign;
  name: string;
  tone: ThemeToken;
}

interface TrendChartProps {
  title: string;
  unit: string;
  series: readonly TrendSeries[];
  points: readonly TrendPoint[];
  domain: TimeDomain;
  limits: readonly AlarmLimit[];
  baselines: readonly BaselineLine[];
  markers: readonly TimeMarker[];
  episodes: readonly AlertEpisode[];
}

const HEIGHT = 220;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom - TIME_AXIS_HEIGHT;
/** A label's line height: two labels closer than this would overlap. */
const LABEL_GAP_PX = 13;
const LIMIT_TONE: Record<AlarmLimit['priority'], ThemeToken> = {
  high: 'alarmHigh',
  medium: 'alarmMedium',
};
const EPISODE_TONE: Record<AlertEpisode['priority'], ThemeToken> = {
  ...LIMIT_TONE,
  low: 'alarmLow',
};

interface LineLabelProps {
  text: string;
  /** How far the label sits from its line, in pixels, to keep clear of its neighbours. */
  offsetPx: number;
  side: 'left' | 'right';
  fill: string;
  /** Where the line lies, given by the chart. */
  viewBox?: { x: number; y: number; width: number };
}

function LineLabel({ text, offsetPx, side, fill, viewBox }: LineLabelProps) {
  if (!viewBox) return null;
  return (
    <text
      x={side === 'right' ? viewBox.x + viewBox.width - 4 : viewBox.x + 4}
      y={viewBox.y + offsetPx - 3}
      textAnchor={side === 'right' ? 'end' : 'start'}
      fill={fill}
      fontSize={11}
      // A halo in the panel's colour keeps a label readable where another line crosses it.
      stroke={cssVar('colorSurface')}
      strokeWidth={3}
      paintOrder="stroke"
    >
      {text}
    </text>
  );
}

/** A horizontal line with its label: an alarm limit (labelled right) or a baseline (left). */
interface Level {
  key: string;
  value: number;
  label: string;
  stroke: string;
  dash: string | undefined;
  side: LineLabelProps['side'];
  labelFill: string;
  /** From its line to its label, spread so that close lines keep readable labels. */
  offsetPx: number;
}

function chartLevels(
  limits: readonly AlarmLimit[],
  baselines: readonly BaselineLine[],
  domain: [number, number],
): Level[] {
  const levels: Array<Omit<Level, 'offsetPx'>> = [
    ...limits.map((limit) => ({
      key: `limit-${limit.label}`,
      value: limit.value,
      label: limit.label,
      stroke: cssVar(LIMIT_TONE[limit.priority]),
      dash: limit.priority === 'high' ? undefined : '6 4',
      side: 'right' as const,
      labelFill: cssVar('colorTextMuted'),
    })),
    ...baselines.map((baseline) => ({
      key: `baseline-${baseline.label}`,
      value: baseline.value,
      label: baseline.label,
      stroke: cssVar('trendBaseline'),
      dash: '1 3',
      side: 'left' as const,
      labelFill: cssVar('trendBaseline'),
    })),
  ];
  const offsets = new Map<string, number>();
  for (const side of ['left', 'right'] as const) {
    const onSide = levels.filter((level) => level.side === side);
    const placed = spreadLabels(
      onSide.map((level) => level.value),
      domain,
      PLOT_HEIGHT,
      LABEL_GAP_PX,
    );
    onSide.forEach((level, index) =>
      offsets.set(level.key, (placed[index] ?? 0) - valueToPx(level.value, domain, PLOT_HEIGHT)),
    );
  }
  return levels.map((level) => ({ ...level, offsetPx: offsets.get(level.key) ?? 0 }));
}

/** One vital sign's trend over the chosen window, with alarm limits, baseline and markers. */
export const TrendChart = memo(function TrendChart({
  title,
  unit,
  series,
  points,
  domain,
  limits,
  baselines,
  markers,
  episodes,
}: TrendChartProps) {
  const yAxis = useMemo(
    () =>
      valueAxis(
        [
          ...points.flatMap((point) => series.map((line) => point[line.sign] ?? Number.NaN)),
          ...limits.map((limit) => limit.value),
          ...baselines.map((baseline) => baseline.value),
        ],
        {
          min: Math.min(...series.map((line) => VITAL_RANGES[line.sign].min)),
          max: Math.max(...series.map((line) => VITAL_RANGES[line.sign].max)),
        },
      ),
    [points, series, limits, baselines],
  );
  const levels = chartLevels(limits, baselines, yAxis.domain);
  const summary = `${title} (${unit}), ${points.length} readings from ${formatAxisTime(
    domain.from,
  )} to ${formatAxisTime(domain.to)}${episodes.length ? `; alerts: ${episodes.map((episode) => episode.label).join(', ')}` : ''}`;
  return (
    <figure className="trend-chart" aria-label={title}>
      <figcaption className="trend-chart__title">
        {title} <span className="trend-chart__unit">{unit}</span>
      </figcaption>
      <div className="trend-chart__plot" role="img" aria-label={summary}>
        {points.length === 0 ? (
          <p className="trend-chart__empty">No readings in this window</p>
        ) : (
          <ResponsiveContainer
            width="100%"
            height={HEIGHT}
            initialDimension={{ width: 600, height: HEIGHT }}
          >
            {/*
              No accessibility layer: it makes the plot a focusable role="application" inside an
              element that is an image, a tab stop that says nothing. The image's label is the
              text alternative; the readings themselves are in the tiles and the timeline.
            */}
            <LineChart data={[...points]} margin={MARGIN} accessibilityLayer={false}>
              <CartesianGrid stroke={cssVar('colorBorder')} strokeDasharray="2 4" />
              <XAxis {...timeAxisProps(domain)} />
              <YAxis
                width={40}
                domain={yAxis.domain}
                ticks={yAxis.ticks}
                interval={0}
                allowDecimals={false}
                stroke={cssVar('colorTextMuted')}
              />
              <Tooltip
                labelFormatter={(time) => formatAxisTime(Number(time))}
                contentStyle={{
                  background: cssVar('colorSurfaceRaised'),
                  border: `1px solid ${cssVar('colorBorder')}`,
                }}
              />
              {episodes.map((episode) => (
                <ReferenceArea
                  key={`episode-${episode.from}-${episode.label}`}
                  x1={episode.from}
                  x2={episode.to}
                  fill={cssVar(EPISODE_TONE[episode.priority])}
                  fillOpacity={0.15}
                  ifOverflow="hidden"
                />
              ))}
              {levels.map((level) => (
                <ReferenceLine
                  key={level.key}
                  y={level.value}
                  stroke={level.stroke}
                  strokeDasharray={level.dash}
                  label={
                    <LineLabel
                      text={level.label}
                      offsetPx={level.offsetPx}
                      side={level.side}
                      fill={level.labelFill}
                    />
                  }
                />
              ))}
              {markers.map((marker) => (
                <ReferenceLine
                  key={`marker-${marker.time}-${marker.label}`}
                  x={marker.time}
                  stroke={cssVar('trendMarker')}
                  strokeDasharray={marker.kind === 'observation' ? '4 2' : '1 2'}
                  label={{
                    value: marker.kind === 'observation' ? '●' : '◆',
                    position: 'top',
                    fill: cssVar('trendMarker'),
                  }}
                />
              ))}
              {series.map((line) => (
                <Line
                  key={line.sign}
                  dataKey={line.sign}
                  name={line.name}
                  type="linear"
                  stroke={cssVar(line.tone)}
                  strokeWidth={2}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
});
