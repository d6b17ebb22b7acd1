import { useLocalDate } from '../../ui/hooks/use-local-date';
import { useLiveSessions } from '../../ward/hooks/use-live-sessions';
import { useDaySchedule } from './use-day-schedule';
import { awaitingSignature } from '../utils/awaiting-signature';

/**
 * The sessions waiting for a physician's signature, from the ward's and today's lists: the same
 * reads every screen makes again when it (re)connects, kept current by `session.updated` and the
 * order notices between.
 */
export function useAwaitingSignature() {
  const today = useLocalDate();
  const live = useLiveSessions();
  const schedule = useDaySchedule(today);
  return {
    waiting: awaitingSignature(live.data, schedule.data),
    loaded: live.data !== undefined && schedule.data !== undefined,
    error: live.error ?? schedule.error,
    /** Every session either list holds, to tell a signed one from one not yet read. */
    known: [...(live.data ?? []), ...(schedule.data ?? [])],
  };
}
