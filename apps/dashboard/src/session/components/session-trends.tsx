import {
  isLiveSession,
  roundMg,
  VITAL_RANGES,
  type Alert,
  type Session,
  type ThresholdProfile,
  type TimelineEvent,
  type VitalSample,
} from '@vigil/shared';
import { useMemo, useState } from 'react';
import { useNow } from '../../ui/hooks/use-now';
import { MAX_TREND_POINTS, RECENT_ZOOM_MS } from '../constants/session.constants';
import {
  chartClock,
  deliveredDoseSteps,
  pumpRateAt,
  withLiveEnd,
} from '../utils/delivered-dose-steps';
import {
  alertEpisodes,
  baselineLines,
  pointsInDomain,
  profileAlarmLimits,
  sessionSpan,
  TREND_CHART_SIGNS,
  timeMarkers,
  trendPoints,
  zoomDomain,
  type TrendChartId,
  type TrendZoom,
} from '../utils/trend-data';
import { useLiveDeliveredMg } from './administration-panel';
import { DeliveredDoseChart } from './delivered-dose-chart';
import { TrendChart, type TrendSeries } from './trend-chart';

interface ChartSpec {
  id: TrendChartId;
  title: string;
  unit: string;
  series: readonly TrendSeries[];
}

const CHARTS: readonly ChartSpec[] = [
  {
    id: 'bloodPressure',
    title: 'Blood pressure',
    unit: VITAL_RANGES.systolic.unit,
    series: [
      { sign: 'systolic', name: 'Systolic', tone: 'trendSystolic' },
      { sign: 'diastolic', name: 'Diastolic', tone: 'trendDiastolic' },
    ],
  },
  {
    id: 'heartRate',
    title: 'Heart rate',
    unit: VITAL_RANGES.heartRate.unit,
    series: [{ sign: 'heartRate', name: 'Heart rate', tone: 'trendHeartRate' }],
  },
  {
    id: 'spo2',
    title: 'SpO2',
    unit: VITAL_RANGES.spo2.unit,
    series: [{ sign: 'spo2', name: 'SpO2', tone: 'trendSpo2' }],
  },
  {
    id: 'respRate',
    title: 'Respiratory rate',
    unit: VITAL_RANGES.respRate.unit,
    series: [{ sign: 'respRate', name: 'Resp. rate', tone: 'trendRespRate' }],
  },
];

const ZOOMS: readonly { zoom: TrendZoom; label: string }[] = [
  { zoom: 'recent', label: 'Last 5 minutes' },
  { zoom: 'session', label: 'Whole session' },
];

/**
 * Rounded to the chart's resolution so the charts redraw every few seconds, not every tick; a
 * pump event moves the clock to it at once (`chartClock`).
 */
const CLOCK_STEP_MS = 5_000;

interface SessionTrendsProps {
  session: Session;
  samples: readonly VitalSample[];
  log: readonly TimelineEvent[];
  /** Every alert of the session, shaded where it was open. */
  alerts: readonly Alert[];
  /** The profile its alarms are judged by: its limits are the reference lines. */
  profile: ThresholdProfile;
}

export function SessionTrends({ session, samples, log, alerts, profile }: SessionTrendsProps) {
  const [zoom, setZoom] = useState<TrendZoom>('session');
  const liveNow = useNow();
  const now = chartClock(liveNow, CLOCK_STEP_MS, session.pumpEvents);
  const live = isLiveSession(session.state);
  // What the header shows this second, to 0.1 mg: the dose chart ends on it while live.
  const liveDeliveredMg = roundMg(useLiveDeliveredMg(session));
  const liveRate = pumpRateAt(session.pumpEvents, liveNow);
  const span = useMemo(
    () => sessionSpan(session, samples, now, live),
    [session, samples, now, live],
  );
  const domain = useMemo(() => zoomDomain(zoom, span, RECENT_ZOOM_MS), [zoom, span]);
  const markers = useMemo(() => timeMarkers(log, domain), [log, domain]);
  const baseline = session.assessment?.baseline ?? null;
  const limits = useMemo(() => profileAlarmLimits(profile, baseline), [profile, baseline]);
  const charts = useMemo(
    () =>
      CHARTS.map((chart) => ({
        ...chart,
        points: pointsInDomain(
          trendPoints(samples, TREND_CHART_SIGNS[chart.id]),
          TREND_CHART_SIGNS[chart.id],
          domain,
          MAX_TREND_POINTS,
        ),
        baselines: baselineLines(chart.id, session.assessment),
        episodes: alertEpisodes(alerts, chart.id, domain, now),
      })),
    [samples, domain, session.assessment, alerts, now],
  );

  const steps = useMemo(
    () => deliveredDoseSteps(session.pumpEvents, session.infusionPlan.concentrationMgPerMl, domain),
    [session.pumpEvents, session.infusionPlan.concentrationMgPerMl, domain],
  );
  const dose = useMemo(
    () =>
      live ? withLiveEnd(steps, { deliveredMg: liveDeliveredMg, rateMlPerH: liveRate }) : steps,
    [steps, live, liveDeliveredMg, liveRate],
  );

  return (
    <section className="session-trends" aria-labelledby="session-trends-title">
      <header className="session-trends__header">
        <h2 id="session-trends-title">Trends</h2>
        <div className="session-trends__zoom" role="group" aria-label="Time window">
          {ZOOMS.map((option) => (
            <button
              key={option.zoom}
              type="button"
              className="button"
              aria-pressed={zoom === option.zoom}
              onClick={() => setZoom(option.zoom)}
            >
              {option.label}
            </button>
          ))}
        </div>
      </header>
      <p className="session-trends__legend">
        Dashed yellow: medium alarm limit · solid red: high alarm limit (this session&apos;s
        profile) · dotted grey: baseline · shaded: an alert open (its priority&apos;s colour) · ●
        observation · ◆ intervention
      </p>
      <div className="session-trends__grid">
        {charts.map((chart) => (
          <TrendChart
            key={chart.id}
            title={chart.title}
            unit={chart.unit}
            series={chart.series}
            points={chart.points}
            domain={domain}
            limits={limits[chart.id]}
            baselines={chart.baselines}
            episodes={chart.episodes}
            markers={markers}
          />
        ))}
        <DeliveredDoseChart points={dose} domain={domain} />
      </div>
    </section>
  );
}
