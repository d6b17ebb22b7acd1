import { compareBays, type SessionState, type WardBay } from '@vigil/shared';

export interface WardBaySources {
  /** Sessions that still occupy a chair (neither discharged nor aborted). */
  liveSessions: ReadonlyArray<{ id: string; bay: string; state: SessionState }>;
  /** Bays named by bedside devices whose key is still valid. */
  deviceBays: readonly string[];
  /** Bays the configuration knows of (the demo ward's chairs). */
  configuredBays: readonly string[];
}

/**
 * Every chair of the ward, occupied or empty, in natural bay order. Each live session is listed:
 * should two ever share a bay (a race between two creations), hiding one would hide a patient.
 */
export function wardBays({ liveSessions, deviceBays, configuredBays }: WardBaySources): WardBay[] {
  const occupied = new Set(liveSessions.map((session) => session.bay));
  const emptyBays = new Set([...deviceBays, ...configuredBays].filter((bay) => !occupied.has(bay)));
  const bays: WardBay[] = [
    ...liveSessions.map(({ id, bay, state }) => ({ bay, sessionId: id, state })),
    ...[...emptyBays].map((bay) => ({ bay, sessionId: null, state: null })),
  ];
  return bays.sort((a, b) => compareBays(a.bay, b.bay));
}
