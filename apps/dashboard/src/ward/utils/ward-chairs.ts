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
  const occupied = new Set(sessions.map((session) => session.bay));
  const emptyBays = new Set((bays ?? []).map(({ bay }) => bay).filter((bay) => !occupied.has(bay)));
  const chairs: WardChair[] = [
    ...sessions.map((session): WardChair => ({ kind: 'occupied', bay: session.bay, session })),
    ...[...emptyBays].map((bay): WardChair => ({ kind: 'empty', bay })),
  ];
  return chairs.sort((a, b) => compareBays(a.bay, b.bay));
}
