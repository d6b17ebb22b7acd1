import type { VitalSign } from '@vigil/shared';
import { memo } from 'react';
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
import {
  formatAxisTime,
  type AlarmLimit,
  type AlertEpisode,
  type BaselineLine,
  type TimeDomain,
  type TimeMarker,
  type TrendPoint,
} from '../utils/trend-data';

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

const HEIGHT = 180;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
const LIMIT_TONE: Record<AlarmLimit['priority'], ThemeToken> = {
  high: 'alarmHigh',
  medium: 'alarmMedium',
};
const EPISODE_TONE: Record<AlertEpisode['priority'], ThemeToken> = {
  ...LIMIT_TONE,
  low: 'alarmLow',
};

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
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={[domain.from, domain.to]}
                allowDataOverflow
                tickFormatter={formatAxisTime}
                stroke={cssVar('colorTextMuted')}
              />
              <YAxis
                width={40}
                domain={['auto', 'auto']}
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
              {limits.map((limit) => (
                <ReferenceLine
                  key={`limit-${limit.label}`}
                  y={limit.value}
                  stroke={cssVar(LIMIT_TONE[limit.priority])}
                  strokeDasharray={limit.priority === 'high' ? undefined : '6 4'}
                  ifOverflow="extendDomain"
                  label={{
                    value: limit.label,
                    position: 'insideTopRight',
                    fill: cssVar('colorTextMuted'),
                    fontSize: 11,
                  }}
                />
              ))}
              {baselines.map((baseline) => (
                <ReferenceLine
                  key={`baseline-${baseline.label}`}
                  y={baseline.value}
                  stroke={cssVar('trendBaseline')}
                  strokeDasharray="1 3"
                  ifOverflow="extendDomain"
                  label={{
                    value: baseline.label,
                    position: 'insideBottomLeft',
                    fill: cssVar('trendBaseline'),
                    fontSize: 11,
                  }}
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
