import type { ReactNode } from 'react';
import { useOpenAlerts } from '../../alerts/hooks/use-open-alerts';
import { useAlarmSound } from '../hooks/use-alarm-sound';
import { AlarmSoundContext } from '../state/alarm-sound-context';

/**
 * Sounds the ward's open alerts, whatever page below it is open, and shares the sound's state
 * (browser permission, audio pause) with every control that shows it. The app shell mounts it for
 * the roles that answer alarms, from login to logout.
 */
export function AlarmSoundProvider({ children }: { children: ReactNode }) {
  const { data: openAlerts } = useOpenAlerts();
  const sound = useAlarmSound(openAlerts);
  return <AlarmSoundContext value={sound}>{children}</AlarmSoundContext>;
}
