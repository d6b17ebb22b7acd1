import { compareBays, type Session, type WardBay } from '@vigil/shared';

/** One place on the ward screen: a chair with its live session, or an empty one. */
export type WardChair =
  { kind: 'occupied'; bay: string; session: Session } | { kind: 'empty'; bay: string };

/**
 * The ward's chairs in natural bay order. The live sessions (kept current by the socket) say
 * which chairs are taken; the bay list only adds the chairs that exist, so a chair is never shown
 * empty while the screen knows a session in it.
 */
export function wardChairs(
  bays: readonly WardBay[] | undefined,
  sessions: readonly Session[],
): WardChair[] {
  const inChair = new Map<string, Session>();
  for (const session of sessions) {
    const current = inChair.get(session.bay);
    if (!current || comesFirst(session, current)) inChair.set(session.bay, session);
  }
  const emptyBays = new Set((bays ?? []).map(({ bay }) => bay).filter((bay) => !inChair.has(bay)));
  const chairs: WardChair[] = [
    ...[...inChair.values()].map((session): WardChair => ({
      kind: 'occupied',
      bay: session.bay,
      session,
    })),
    ...[...emptyBays].map((bay): WardChair => ({ kind: 'empty', bay })),
  ];
  return chairs.sort((a, b) => compareBays(a.bay, b.bay));
}

/**
 * Several sessions may be scheduled for one chair, but only one patient sits in it: the chair
 * shows its live session (assessed to recovery), else the one scheduled first.
 */
function comesFirst(candidate: Session, current: Session): boolean {
  const sitting = (session: Session) => session.state !== 'scheduled';
  if (sitting(candidate) !== sitting(current)) return sitting(candidate);
  return candidate.createdAt < current.createdAt;
}
