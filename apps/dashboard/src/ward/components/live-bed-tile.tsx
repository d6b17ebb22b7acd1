import type { Session, VitalSample } from '@vigil/shared';
import { sessionPath } from '../../app/routes/route-access';
import { useRecentVitals } from '../hooks/use-recent-vitals';
import { BedTile } from './bed-tile';

const NO_SAMPLES: readonly VitalSample[] = [];

/** A tile fed from the query cache, which the realtime effect keeps current. */
export function LiveBedTile({ session }: { session: Session }) {
  const { data: recentSamples = NO_SAMPLES } = useRecentVitals(session.id);
  return (
    <BedTile
      session={session}
      recentSamples={recentSamples}
      detailsPath={sessionPath(session.id)}
    />
  );
}
