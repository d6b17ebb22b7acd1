import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cssVar } from '../../ui/theme/theme-tokens';
import type { DosePoint } from '../utils/delivered-dose-steps';
import { doseAxis, type DoseAxis } from '../utils/dose-axis';
import { formatAxisTime, type TimeDomain } from '../utils/trend-data';
import { timeAxisProps } from './time-axis';

const HEIGHT = 220;
const MARGIN = { top: 8, right: 0, bottom: 4, left: 0 };
/** The least each axis shows, so a pump just started has a readable scale. */
const MIN_TOP_MG = 0.1;
const MIN_TOP_ML_PER_H = 10;

/** A value axis at its round ticks, every tick labelled, as wide as its widest label. */
function valueAxisProps(axis: DoseAxis) {
  return {
    width: axis.widthPx,
    domain: axis.domain,
    ticks: axis.ticks,
    interval: 0,
    tickFormatter: axis.format,
    stroke: cssVar('colorTextMuted'),
  } as const;
}

interface DeliveredDoseChartProps {
  points: readonly DosePoint[];
  domain: TimeDomain;
}

/**
 * The pump record beside the vital signs, on the same time axis: the rate as a step line (it holds
 * until the pump is changed) and the mg delivered rising under it.
 */
export const DeliveredDoseChart = memo(function DeliveredDoseChart({
  points,
  domain,
}: DeliveredDoseChartProps) {
  const last = points.at(-1);
  // Ticks at a round step with the precision it needs and their unit, on axes as wide as their
  // labels: a dose of 0.15 mg reads "0.15 mg", never a cut ".15".
  const mgAxis = useMemo(
    () => doseAxis(Math.max(0, ...points.map((point) => point.deliveredMg)), 'mg', MIN_TOP_MG),
    [points],
  );
  const rateAxis = useMemo(
    () =>
      doseAxis(Math.max(0, ...points.map((point) => point.rateMlPerH)), 'mL/h', MIN_TOP_ML_PER_H),
    [points],
  );
  const summary = last
    ? `Ketamine: ${last.deliveredMg} mg delivered by ${formatAxisTime(last.time)}, pump at ${last.rateMlPerH} mL/h`
    : 'Ketamine: the pump has not started in this window';
  return (
    <figure className="trend-chart" aria-label="Ketamine delivered">
      <figcaption className="trend-chart__title">
        Ketamine <span className="trend-chart__unit">mg delivered · pump mL/h (steps)</span>
      </figcaption>
      <div className="trend-chart__plot" role="img" aria-label={summary}>
        {points.length === 0 ? (
          <p className="trend-chart__empty">The pump has not started in this window</p>
        ) : (
          <ResponsiveContainer
            width="100%"
            height={HEIGHT}
            initialDimension={{ width: 600, height: HEIGHT }}
          >
            <LineChart data={[...points]} margin={MARGIN} accessibilityLayer={false}>
              <CartesianGrid stroke={cssVar('colorBorder')} strokeDasharray="2 4" />
              <XAxis {...timeAxisProps(domain)} />
              <YAxis yAxisId="mg" {...valueAxisProps(mgAxis)} />
              <YAxis yAxisId="rate" orientation="right" {...valueAxisProps(rateAxis)} />
              <Tooltip
                labelFormatter={(time) => formatAxisTime(Number(time))}
                contentStyle={{
                  background: cssVar('colorSurfaceRaised'),
                  border: `1px solid ${cssVar('colorBorder')}`,
                }}
              />
              <Line
                yAxisId="mg"
                dataKey="deliveredMg"
                name="Delivered (mg)"
                type="linear"
                stroke={cssVar('stateInfusing')}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                yAxisId="rate"
                dataKey="rateMlPerH"
                name="Pump rate (mL/h)"
                type="stepAfter"
                stroke={cssVar('trendMarker')}
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
});
