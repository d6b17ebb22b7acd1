import type { AlertPriority } from '@vigil/shared';
import { priorityRank } from '../../alerts/utils/open-alerts';
import type { SoundingCondition } from './alarm-conditions';

/** IEC 60601-1-8 AUDIO PAUSED: time-limited, and it ends by itself. */
export const AUDIO_PAUSE_MS = 2 * 60_000;

export interface AudioPause {
  /** When the pause expires (epoch ms). */
  until: number;
  /** The sounding alarms it silenced, by condition id, with their priority at the time. */
  silenced: Readonly<Record<string, AlertPriority>>;
}

export function startAudioPause(now: number, sounding: readonly SoundingCondition[]): AudioPause {
  const silenced: Record<string, AlertPriority> = {};
  for (const condition of sounding) silenced[condition.id] = condition.priority;
  return { until: now + AUDIO_PAUSE_MS, silenced };
}

/**
 * A pause silences the alarms someone has seen, not the next one: an alarm that starts sounding
 * after it began (new, sounding again after an acknowledgement was undone, worse than it was, or
 * the screen's connection lost) ends it.
 */
export function hasNewAlarmCondition(
  pause: AudioPause,
  sounding: readonly SoundingCondition[],
): boolean {
  return sounding.some((condition) => {
    const silencedPriority = pause.silenced[condition.id];
    return (
      silencedPriority === undefined ||
      priorityRank(condition.priority) < priorityRank(silencedPriority)
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
