import {
  type Alert,
  deliveredMg,
  infusionElapsedMs,
  mergeLatestVitals,
  VITAL_RANGES,
  type Session,
  type VitalSample,
} from '@vigil/shared';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { AlarmIcon } from '../../alerts/components/alarm-icon';
import { alarmSummary } from '../../alerts/utils/alert-labels';
import { signalledAlarm } from '../../alerts/utils/open-alerts';
import { formatMg } from '../../session/utils/administration-words';
import { useNow } from '../../ui/hooks/use-now';
import { STALE_READING_AFTER_MS } from '../constants/ward.constants';
import { useTileSize } from '../hooks/use-tile-size';
import { formatAge } from '../utils/format-age';
import { limitMarks } from '../utils/limit-marks';
import { newestReadingAge } from '../utils/newest-reading-age';
import { indicationLabel } from '../utils/session-labels';
import { staleSignAges } from '../utils/sign-staleness';
import { sparklinePoints } from '../utils/sparkline-points';
import { InfusionProgress } from './infusion-progress';
import { ReadingAge } from './reading-age';
import { SessionStateBadge } from './session-state-badge';
import { VitalReading, VitalValue } from './vital-reading';
import { VitalSparkline } from './vital-sparkline';
import '../../alerts/components/alarm.css';
import './bed-tile.css';

interface BedTileProps {
  session: Session;
  recentSamples: readonly VitalSample[];
  /** Where the session's own screen is; the whole tile then opens it. */
  detailsPath?: string;
  /** The session's open alerts; the highest priority is the one the tile signals. */
  alerts?: readonly Alert[];
  /** Under the alarm: who acknowledged it, the chair's alarm suspend (TileAlarmNotes). */
  alarmNotes?: ReactNode;
}

const NO_ALERTS: readonly Alert[] = [];

export function BedTile({
  session,
  recentSamples,
  detailsPath,
  alerts = NO_ALERTS,
  alarmNotes,
}: BedTileProps) {
  const now = useNow();
  const tileSize = useTileSize();
  // The history may hold a sample the list has not caught up with, and the reverse.
  const readings = useMemo(
    () => mergeLatestVitals(session.latestVitals, recentSamples),
    [session.latestVitals, recentSamples],
  );
  const heartRatePoints = useMemo(
    () => sparklinePoints(recentSamples, 'heartRate'),
    [recentSamples],
  );
  const spo2Points = useMemo(() => sparklinePoints(recentSamples, 'spo2'), [recentSamples]);

  const ageMs = newestReadingAge(readings, now);
  const silentFor = staleSignAges(readings, now);
  const isStale = ageMs === null || ageMs > STALE_READING_AFTER_MS;
  const bloodPressureAt = readings.systolic?.at;
  // Kept by the screen's own clock from the session's times, so it moves every second without
  // asking the server (each read of a session is audited).
  const elapsedMin = infusionElapsedMs(session, now) / 60_000;
  const delivered = deliveredMg(session.pumpEvents, session.infusionPlan.concentrationMgPerMl, now);
  const alarm = useMemo(() => signalledAlarm(alerts), [alerts]);
  const alarmText = alarm && alarmSummary(alarm);
  const otherAlarms = alarm ? alerts.length - 1 : 0;
  const limits = useMemo(() => limitMarks(alerts), [alerts]);
  const value = (sign: 'systolic' | 'diastolic' | 'heartRate' | 'spo2' | 'respRate') => (
    <VitalValue
      sign={sign}
      readings={readings}
      limit={limits[sign]}
      stale={silentFor[sign] !== undefined}
    />
  );

  return (
    <section
      ref={tileSize}
      className="bed-tile"
      aria-label={alarmText ? `Bay ${session.bay} — alarm ${alarmText}` : `Bay ${session.bay}`}
      data-testid={`bed-tile-${session.bay}`}
      data-state={session.state}
      data-stale={isStale}
      data-alarm={alarm?.priority ?? 'none'}
    >
      <header className="bed-tile__header">
        <h2 className="bed-tile__bay">
          {detailsPath ? (
            <Link
              className="bed-tile__open"
              to={detailsPath}
              aria-label={`Bay ${session.bay} — open session`}
            >
              Bay {session.bay}
            </Link>
          ) : (
            <>Bay {session.bay}</>
          )}
        </h2>
        <span className="bed-tile__initials">
          <span className="visually-hidden">Patient </span>
          <span data-testid="patient-initials">{session.patient.initials}</span>
        </span>
        <SessionStateBadge state={session.state} />
      </header>
      {alarm && (
        <p
          className="bed-tile__alarm alarm-signal"
          data-testid="tile-alarm"
          data-priority={alarm.priority}
          data-alarm-state={alarm.state}
        >
          <AlarmIcon priority={alarm.priority} />
          <span className="bed-tile__alarm-text">{alarmText}</span>
          {otherAlarms > 0 && <span className="bed-tile__alarm-more">+{otherAlarms} more</span>}
        </p>
      )}
      <div className="bed-tile__notes">{alarmNotes}</div>
      {/* One line for both, so 24 tiles keep to four rows on a 1080-pixel screen. */}
      <div className="bed-tile__course">
        <p className="bed-tile__indication" data-testid="session-indication">
          {indicationLabel(session.indication)}
          {session.pumpEvents.length > 0 && (
            <span data-testid="tile-delivered"> · {formatMg(delivered)} given</span>
          )}
        </p>
        <InfusionProgress elapsedMin={elapsedMin} plannedDurationMin={session.plannedDurationMin} />
      </div>
      <dl className="bed-tile__vitals">
        <VitalReading
          kind="bp"
          abbreviation="BP"
          name="Blood pressure"
          unit={VITAL_RANGES.systolic.unit}
          note={bloodPressureAt && formatAge(now - Date.parse(bloodPressureAt))}
          silentForMs={silentFor.systolic}
        >
          {value('systolic')}/{value('diastolic')}
        </VitalReading>
        <VitalReading
          kind="hr"
          abbreviation="HR"
          name="Heart rate"
          unit={VITAL_RANGES.heartRate.unit}
          silentForMs={silentFor.heartRate}
        >
          {value('heartRate')}
        </VitalReading>
        <VitalReading
          kind="spo2"
          abbreviation="SpO2"
          name="Oxygen saturation"
          spokenName="SpO2"
          unit={VITAL_RANGES.spo2.unit}
          silentForMs={silentFor.spo2}
        >
          {value('spo2')}
        </VitalReading>
        <VitalReading
          kind="rr"
          abbreviation="RR"
          name="Respiratory rate"
          unit={VITAL_RANGES.respRate.unit}
          silentForMs={silentFor.respRate}
        >
          {value('respRate')}
        </VitalReading>
      </dl>
      <div className="bed-tile__trends">
        <VitalSparkline
          label="Heart rate trend, last 10 minutes"
          points={heartRatePoints}
          tone="trendHeartRate"
        />
        <VitalSparkline label="SpO2 trend, last 10 minutes" points={spo2Points} tone="trendSpo2" />
      </div>
      <ReadingAge ageMs={ageMs} isStale={isStale} />
    </section>
  );
}
