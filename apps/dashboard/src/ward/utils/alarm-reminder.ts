import type { Alert } from '@vigil/shared';
import { priorityRank } from '../../alerts/utils/open-alerts';
import { type AudiblePriority, isAudiblePriority } from './alarm-signal';

/**
 * The newest reminder time seen of each alert, by id (null: seen, not reminded yet). Kept for the
 * whole login, so an alert that drops out of a list for a moment is still known when it is back.
 */
export type KnownReminders = ReadonlyMap<string, string | null>;

export interface ReminderContext {
  /** Audio paused: reminders are silenced with everything else. */
  paused: boolean;
  /** The repeating alarm signal playing now, if any. */
  sounding: AudiblePriority | null;
}

export interface ReminderDecision {
  /** One burst of this priority's signal to play now (the reminder signal), or null for none. */
  burst: AudiblePriority | null;
  /** What is known once these alerts are taken in: the next call's `known`. */
  known: KnownReminders;
}

const time = (at: string | null): number =>
  at === null ? Number.NEGATIVE_INFINITY : Date.parse(at);

const later = (a: string | null, b: string | null): string | null => (time(b) > time(a) ? b : a);

/**
 * The server reminds of an acknowledged alert whose condition persists by setting its `remindedAt`
 * (`alert.updated`). A reminder signal is one burst of the alert's priority, played once, when:
 * - the alert was known before with an older reminder time (an alert seen for the first time, as
 *   when the screen loads, says nothing new; the same reminder seen twice sounds once);
 * - it is still acknowledged, and of a priority the ward sounds (low is shown, not sounded);
 * - audio is not paused;
 * - no signal of the same or a higher priority is sounding already, which says as much.
 * Several reminders at once make one burst, of the highest priority among them.
 */
export function reminderSignal(
  known: KnownReminders,
  alerts: readonly Alert[],
  { paused, sounding }: ReminderContext,
): ReminderDecision {
  const next = new Map(known);
  let burst: AudiblePriority | null = null;
  for (const alert of alerts) {
    const seen = known.get(alert.id);
    next.set(alert.id, later(seen ?? null, alert.remindedAt));
    const isNewReminder = seen !== undefined && time(alert.remindedAt) > time(seen);
    if (!isNewReminder || alert.state !== 'acknowledged' || !isAudiblePriority(alert.priority)) {
      continue;
    }
    if (burst === null || priorityRank(alert.priority) < priorityRank(burst)) {
      burst = alert.priority;
    }
  }
  const covered =
    burst !== null && sounding !== null && priorityRank(sounding) <= priorityRank(burst);
  return { burst: paused || covered ? null : burst, known: next };
}
