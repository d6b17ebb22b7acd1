import type { ReactNode } from 'react';
import { useOpenAlerts } from '../../alerts/hooks/use-open-alerts';
import { useAlarmSound } from '../hooks/use-alarm-sound';
import { useAlarmSuspends } from '../hooks/use-alarm-suspends';
import { AlarmSoundContext } from '../state/alarm-sound-context';

interface AlarmSoundProviderProps {
  /** The technical alarm of a screen that has been without the server too long. */
  connectionLost: boolean;
  children: ReactNode;
}

/**
 * Sounds the ward's open alerts (but those a chair's probe-change suspend covers) and the screen's
 * lost connection, whatever page below it is open,
 * and shares the sound's state (browser permission, audio pause) with every control that shows
 * it. The app shell mounts it for the roles that answer alarms, from login to logout.
 */
export function AlarmSoundProvider({ connectionLost, children }: AlarmSoundProviderProps) {
  const { data: openAlerts } = useOpenAlerts();
  const { data: suspends } = useAlarmSuspends();
  const sound = useAlarmSound(openAlerts, connectionLost, suspends);
  return <AlarmSoundContext value={sound}>{children}</AlarmSoundContext>;
}
