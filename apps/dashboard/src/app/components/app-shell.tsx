import { useEffect, useState, useSyncExternalStore } from 'react';
import { Outlet, useLocation } from 'react-router';
import type { ClinicianSocket } from '../../api/socket-client';
import { SessionRefreshEffect } from '../../auth/components/session-refresh-effect';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { ClinicianRealtimeEffect } from '../../realtime/components/clinician-realtime-effect';
import { ConnectionContext } from '../../realtime/state/connection-context';
import { ConnectionWatch } from '../../realtime/state/connection-watch';
import { receivesLiveUpdates } from '../../realtime/utils/live-roles';
import { mayRecord } from '../../session/utils/session-permissions';
import { ConnectionBanner } from '../../ui/components/connection-banner';
import { AlarmSoundProvider } from '../../ward/components/alarm-sound-provider';
import { useKioskMode } from '../../ward/hooks/use-kiosk-mode';
import { hearsAlarms } from '../../ward/utils/alarm-sound-roles';
import { mayOpen, pageForPath } from '../routes/route-access';
import { TopBar } from './top-bar';

/** Auditors review alerts; a system notification is for the clinicians who answer them. */
const NO_NOTIFICATION = (): void => undefined;

interface AppShellProps {
  createSocket?: () => ClinicianSocket;
}

/**
 * The frame of every page behind the login. It keeps the token fresh and, for every role that
 * reads patient data (auditors too, so the screens they review follow the ward), owns the live
 * connection: opened at login, closed when the shell unmounts at logout. For nurses and
 * physicians it also owns the alarm sound, so alarms sound on every page, not only on the ward,
 * and so does the technical alarm of a screen that has been without the server too long.
 */
export function AppShell({ createSocket }: AppShellProps) {
  const user = useCurrentUser();
  const [connectionWatch] = useState(() => new ConnectionWatch());
  useEffect(() => {
    connectionWatch.start();
    return () => connectionWatch.stop();
  }, [connectionWatch]);
  const connection = useSyncExternalStore(connectionWatch.subscribe, connectionWatch.getSnapshot);
  const live = receivesLiveUpdates(user.role);
  const watchesWard = mayOpen(user.role, 'ward');
  // A wall display has no navigation; the banner stays, since a frozen ward must say so.
  const kiosk = useKioskMode().kiosk && watchesWard;
  // The ward shows the sound's controls in its own header, kiosk or not; every other page here.
  const soundControlsInTopBar = pageForPath(useLocation().pathname) !== 'ward';
  const frame = (
    <>
      <SessionRefreshEffect />
      {live && (
        <ClinicianRealtimeEffect
          onStatusChange={connectionWatch.report}
          createSocket={createSocket}
          notify={mayRecord(user.role) ? undefined : NO_NOTIFICATION}
        />
      )}
      {!kiosk && <TopBar user={user} showAlarmSound={soundControlsInTopBar} />}
      {live && <ConnectionBanner connection={connection} />}
      <Outlet />
    </>
  );
  // A role's alarms never change during a login, so the frame is never remounted by this.
  return (
    <ConnectionContext value={live ? connection : null}>
      {hearsAlarms(user.role) ? (
        <AlarmSoundProvider connectionLost={connection.alarming}>{frame}</AlarmSoundProvider>
      ) : (
        frame
      )}
    </ConnectionContext>
  );
}
