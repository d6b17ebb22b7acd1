import { memo } from 'react';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { cssVar } from '../../ui/theme/theme-tokens';
import type { SparklinePoint } from '../utils/sparkline-points';

const WIDTH = 132;
const HEIGHT = 30;
const MARGIN = { top: 2, right: 2, bottom: 2, left: 2 };

interface VitalSparklineProps {
  label: string;
  points: readonly SparklinePoint[];
  tone: 'trendHeartRate' | 'trendSpo2';
}

/** Memoised: the tile re-renders every second for its clock, the trend only when data moves. */
export const VitalSparkline = memo(function VitalSparkline({
  label,
  points,
  tone,
}: VitalSparklineProps) {
  return (
    <div className="sparkline" role="img" aria-label={label} style={{ color: cssVar(tone) }}>
      {points.length < 2 ? (
        <span className="sparkline__empty">No trend yet</span>
      ) : (
        <LineChart width={WIDTH} height={HEIGHT} data={[...points]} margin={MARGIN}>
          <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} hide />
          <YAxis domain={['dataMin - 2', 'dataMax + 2']} hide />
          <Line
            dataKey="value"
            type="linear"
            stroke="currentColor"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </div>
  );
});
