import { compareBays, type Session } from '@vigil/shared';

export interface ChairOfTheDay {
  bay: string;
  sessions: Session[];
}

/** The day's sessions chair by chair, in the ward's bay order, each chair's in time order. */
export function chairsOfTheDay(sessions: readonly Session[]): ChairOfTheDay[] {
  const byBay = new Map<string, Session[]>();
  for (const session of sessions) {
    byBay.set(session.bay, [...(byBay.get(session.bay) ?? []), session]);
  }
  return [...byBay.entries()]
    .sort(([a], [b]) => compareBays(a, b))
    .map(([bay, held]) => ({
      bay,
      sessions: held.sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt)),
    }));
}
