import { useState } from 'react';
import { Outlet } from 'react-router';
import type { ClinicianSocket, ConnectionStatus } from '../../api/socket-client';
import { SessionRefreshEffect } from '../../auth/components/session-refresh-effect';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { ClinicianRealtimeEffect } from '../../realtime/components/clinician-realtime-effect';
import { receivesLiveUpdates } from '../../realtime/utils/live-roles';
import { mayRecord } from '../../session/utils/session-permissions';
import { ConnectionBanner } from '../../ui/components/connection-banner';
import { useKioskMode } from '../../ward/hooks/use-kiosk-mode';
import { mayOpen } from '../routes/route-access';
import { TopBar } from './top-bar';

/** Auditors review alerts; a system notification is for the clinicians who answer them. */
const NO_NOTIFICATION = (): void => undefined;

interface AppShellProps {
  createSocket?: () => ClinicianSocket;
}

/**
 * The frame of every page behind the login. It keeps the token fresh and, for every role that
 * reads patient data (auditors too, so the screens they review follow the ward), owns the live
 * connection: opened at login, closed when the shell unmounts at logout.
 */
export function AppShell({ createSocket }: AppShellProps) {
  const user = useCurrentUser();
  const [connectionStatus, setConnectionStatus] = useState<ConnectionStatus>('connecting');
  const live = receivesLiveUpdates(user.role);
  const watchesWard = mayOpen(user.role, 'ward');
  // A wall display has no navigation; the banner stays, since a frozen ward must say so.
  const kiosk = useKioskMode().kiosk && watchesWard;
  return (
    <>
      <SessionRefreshEffect />
      {live && (
        <ClinicianRealtimeEffect
          onStatusChange={setConnectionStatus}
          createSocket={createSocket}
          notify={mayRecord(user.role) ? undefined : NO_NOTIFICATION}
        />
      )}
      {!kiosk && <TopBar user={user} />}
      {live && <ConnectionBanner status={connectionStatus} />}
      <Outlet />
    </>
  );
}
