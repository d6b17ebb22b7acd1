import { memo, useMemo } from 'react';
import { cssVar } from '../../ui/theme/theme-tokens';
import {
  type SparklineBox,
  type SparklinePoint,
  sparklinePolyline,
} from '../utils/sparkline-points';

const BOX: SparklineBox = { width: 132, height: 30, inset: 2, valueMargin: 2 };

interface VitalSparklineProps {
  label: string;
  points: readonly SparklinePoint[];
  tone: 'trendHeartRate' | 'trendSpo2';
}

/**
 * Memoised: the tile re-renders every second for its clock, the trend only when data moves.
 * One SVG polyline rather than a chart library: a full ward redraws two trends per chair every
 * second, and a recharts chart each time cost the ward screen whole frames (bench:ward).
 */
export const VitalSparkline = memo(function VitalSparkline({
  label,
  points,
  tone,
}: VitalSparklineProps) {
  const polyline = useMemo(() => sparklinePolyline(points, BOX), [points]);
  return (
    <div className="sparkline" role="img" aria-label={label} style={{ color: cssVar(tone) }}>
      {polyline === null ? (
        <span className="sparkline__empty">No trend yet</span>
      ) : (
        <svg
          width={BOX.width}
          height={BOX.height}
          viewBox={`0 0 ${BOX.width} ${BOX.height}`}
          aria-hidden="true"
          focusable="false"
        >
          <polyline
            className="sparkline__line"
            points={polyline}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            strokeLinejoin="round"
          />
        </svg>
      )}
    </div>
  );
});
