import type { Session } from '@vigil/shared';
import { mayStillSignOrder } from '../../session/utils/session-permissions';
import { newestSessionCopy } from '../../ward/utils/merge-vitals';

/**
 * The sessions whose dose still waits for a physician's signature before they can start, from
 * every list the screen holds (the ward's, the day's), once each at its newest copy, the
 * earliest expected first.
 */
export function awaitingSignature(
  ...lists: ReadonlyArray<readonly Session[] | undefined>
): Session[] {
  const byId = new Map<string, Session>();
  for (const session of lists.flatMap((list) => list ?? [])) {
    byId.set(session.id, newestSessionCopy(byId.get(session.id), session));
  }
  return [...byId.values()]
    .filter((session) => session.order === null && mayStillSignOrder(session))
    .sort(
      (a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) || a.bay.localeCompare(b.bay),
    );
}
