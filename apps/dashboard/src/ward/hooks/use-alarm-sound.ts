import type { AlarmSuspend, Alert } from '@vigil/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { AlarmSoundController, type AlarmSoundState } from '../audio/alarm-sound-controller';

export interface AlarmSound extends AlarmSoundState {
  enable: () => void;
  pauseAudio: () => void;
  cancelPause: () => void;
}

const NO_ALERTS: readonly Alert[] = [];
const NO_SUSPENDS: readonly AlarmSuspend[] = [];

/**
 * Sounds the ward's alarms, and the technical alarm of a lost connection, for as long as the calling component is mounted. The app shell's
 * AlarmSoundProvider is the one caller, so there is one sound, one pause, whatever page is open;
 * screens read it with useSharedAlarmSound.
 */
export function useAlarmSound(
  alerts: readonly Alert[] | undefined,
  connectionLost: boolean,
  suspends?: readonly AlarmSuspend[],
): AlarmSound {
  const [controller] = useState(() => new AlarmSoundController());
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  useEffect(() => {
    controller.setAlerts(alerts ?? NO_ALERTS);
  }, [controller, alerts]);
  useEffect(() => {
    controller.setSuspends(suspends ?? NO_SUSPENDS);
  }, [controller, suspends]);
  useEffect(() => {
    controller.setConnectionLost(connectionLost);
  }, [controller, connectionLost]);
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return useMemo(
    () => ({
      ...state,
      enable: () => controller.enable(),
      pauseAudio: () => controller.pauseAudio(),
      cancelPause: () => controller.cancelPause(),
    }),
    [controller, state],
  );
}
