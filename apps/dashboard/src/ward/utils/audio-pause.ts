import type { Alert, AlertPriority } from '@vigil/shared';
import { priorityRank } from '../../alerts/utils/open-alerts';

/** IEC 60601-1-8 AUDIO PAUSED: time-limited, and it ends by itself. */
export const AUDIO_PAUSE_MS = 2 * 60_000;

export interface AudioPause {
  /** When the pause expires (epoch ms). */
  until: number;
  /** The sounding alarms it silenced, by alert id, with their priority at the time. */
  silenced: Readonly<Record<string, AlertPriority>>;
}

const isAudible = (alert: Alert) => alert.state === 'active' && alert.priority !== 'low';

export function startAudioPause(now: number, alerts: readonly Alert[]): AudioPause {
  const silenced: Record<string, AlertPriority> = {};
  for (const alert of alerts.filter(isAudible)) silenced[alert.id] = alert.priority;
  return { until: now + AUDIO_PAUSE_MS, silenced };
}

/**
 * A pause silences the alarms someone has seen, not the next one: an alarm that starts sounding
 * after it began (new, sounding again after an acknowledgement was undone, or worse than it was)
 * ends it.
 */
export function hasNewAlarmCondition(pause: AudioPause, alerts: readonly Alert[]): boolean {
  return alerts.filter(isAudible).some((alert) => {
    const silencedPriority = pause.silenced[alert.id];
    return (
      silencedPriority === undefined ||
      priorityRank(alert.priority) < priorityRank(silencedPriority)
    );
  });
}

/** Never more than the pause's length: a screen clock up to a tick behind must not show 2:01. */
export function audioPauseRemainingMs(pause: AudioPause, now: number): number {
  return Math.min(AUDIO_PAUSE_MS, Math.max(0, pause.until - now));
}

/** "1:59": minutes and seconds, rounded up so the pause never shows 0:00 while it lasts. */
export function formatPauseRemaining(remainingMs: number): string {
  const seconds = Math.ceil(remainingMs / 1_000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
