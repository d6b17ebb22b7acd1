import type { Alert, Session, VitalSample } from '@vigil/shared';
import { useCallback } from 'react';
import { useOpenAlerts } from '../../alerts/hooks/use-open-alerts';
import type { OpenAlerts } from '../../alerts/utils/open-alerts';
import { sessionPath } from '../../app/routes/route-access';
import { useRecentVitals } from '../hooks/use-recent-vitals';
import { BedTile } from './bed-tile';
import { TileAlarmNotes } from './tile-alarm-notes';

const NO_SAMPLES: readonly VitalSample[] = [];
const NO_ALERTS: readonly Alert[] = [];

interface LiveBedTileProps {
  session: Session;
  /** False on a wall display, which has no navigation: the tile then opens nothing. */
  linked?: boolean;
}

/** A tile fed from the query cache, which the realtime effect keeps current. */
export function LiveBedTile({ session, linked = true }: LiveBedTileProps) {
  const { data: recentSamples = NO_SAMPLES } = useRecentVitals(session.id);
  const selectOwnAlerts = useCallback(
    (alerts: OpenAlerts) => alerts.filter((alert) => alert.sessionId === session.id),
    [session.id],
  );
  const { data: alerts } = useOpenAlerts({ select: selectOwnAlerts });
  return (
    <BedTile
      session={session}
      recentSamples={recentSamples}
      alerts={alerts}
      alarmNotes={
        <TileAlarmNotes bay={session.bay} alerts={alerts ?? NO_ALERTS} controls={linked} />
      }
      detailsPath={linked ? sessionPath(session.id) : undefined}
    />
  );
}
