import { type CSSProperties, useMemo } from 'react';
import { useConnectionState } from '../../realtime/state/connection-context';
import { useElementAspect } from '../hooks/use-element-aspect';
import { useKioskMode } from '../hooks/use-kiosk-mode';
import { useLiveSessions } from '../hooks/use-live-sessions';
import { useWardBays } from '../hooks/use-ward-bays';
import { useSharedAlarmSound } from '../state/alarm-sound-context';
import { wardChairs } from '../utils/ward-chairs';
import { wardGridShape } from '../utils/ward-grid-shape';
import { AlarmSoundControl } from './alarm-sound-control';
import { ConnectionAlarmNotice } from './connection-alarm-notice';
import { SystemDelayNotice } from './system-delay-notice';
import { useSystemDelay } from '../hooks/use-system-delay';
import { EmptyBedTile } from './empty-bed-tile';
import { KioskEffect } from './kiosk-effect';
import { KioskToggle } from './kiosk-toggle';
import { LiveBedTile } from './live-bed-tile';
import './ward-screen.css';

/**
 * The nurses' home: every chair at a glance, occupied or empty, and the controls of the alarm
 * sound. The sound itself is the app shell's, so it goes on when another page is opened; here its
 * controls sit in the ward's own header, which a kiosk shows too (the top bar leaves them out).
 */
export function WardScreen() {
  const { kiosk, setKiosk } = useKioskMode();
  const { data: sessions, error } = useLiveSessions();
  const { data: bays, error: baysError } = useWardBays();
  const sound = useSharedAlarmSound();
  const connection = useConnectionState();
  const delay = useSystemDelay();
  const chairs = useMemo(
    () => (sessions ? wardChairs(bays, sessions) : undefined),
    [bays, sessions],
  );
  const emptyCount = chairs?.filter((chair) => chair.kind === 'empty').length ?? 0;
  const [gridRef, gridAspect] = useElementAspect();
  // The tiles grow to fill the screen for the chairs there are; ward-screen.css gives way to
  // fewer columns where they would be too narrow to read (a tablet, a phone).
  const shape = wardGridShape(chairs?.length ?? 0, gridAspect);
  const gridStyle = {
    '--ward-columns': shape.columns,
    '--ward-rows': shape.rows,
  } as CSSProperties;

  return (
    <main className="ward-screen" data-kiosk={kiosk} aria-labelledby="ward-screen-title">
      {kiosk && <KioskEffect />}
      <header className="ward-screen__header">
        <h1 id="ward-screen-title">Ward</h1>
        {sessions && (
          <p data-testid="live-session-count">
            {sessions.length} live {sessions.length === 1 ? 'session' : 'sessions'}
            {emptyCount > 0 && `, ${emptyCount} empty ${emptyCount === 1 ? 'chair' : 'chairs'}`}
          </p>
        )}
        {connection?.alarming && connection.lostSince !== null && (
          <ConnectionAlarmNotice lostSince={connection.lostSince} />
        )}
        <SystemDelayNotice delayMs={delay} />
        <div className="ward-screen__controls">
          {sound && <AlarmSoundControl sound={sound} />}
          <KioskToggle kiosk={kiosk} onChange={setKiosk} />
        </div>
      </header>
      {error && (
        <p className="ward-screen__error" role="alert">
          {sessions ? 'Could not refresh sessions' : 'Could not load sessions'}: {error.message}
        </p>
      )}
      {baysError && !error && (
        <p className="ward-screen__error" role="alert">
          Could not load the ward’s chairs, so empty chairs are not shown: {baysError.message}
        </p>
      )}
      {!sessions && !error && <p role="status">Loading sessions…</p>}
      {chairs?.length === 0 && <p>No live sessions.</p>}
      {chairs && chairs.length > 0 && (
        <div
          ref={gridRef}
          className="ward-screen__grid"
          data-testid="ward-grid"
          data-columns={shape.columns}
          data-rows={shape.rows}
          style={gridStyle}
        >
          {chairs.map((chair) =>
            chair.kind === 'occupied' ? (
              <LiveBedTile key={chair.session.id} session={chair.session} linked={!kiosk} />
            ) : (
              <EmptyBedTile key={`empty-${chair.bay}`} bay={chair.bay} admittable={!kiosk} />
            ),
          )}
        </div>
      )}
    </main>
  );
}
