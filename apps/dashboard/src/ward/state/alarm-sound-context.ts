import { createContext, useContext } from 'react';
import type { AlarmSound } from '../hooks/use-alarm-sound';

/** The signed-in clinician's alarm sound, provided by the app shell; null where none plays. */
export const AlarmSoundContext = createContext<AlarmSound | null>(null);

/**
 * The one alarm sound of this tab, for a screen that shows its controls (the ward, the top bar):
 * null for a role that hears no alarms (auditors, admins).
 */
export function useSharedAlarmSound(): AlarmSound | null {
  return useContext(AlarmSoundContext);
}
