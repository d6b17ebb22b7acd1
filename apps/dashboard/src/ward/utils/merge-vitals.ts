import {
  isLiveSession,
  mergeLatestVitals,
  VITAL_SIGNS,
  type LatestVitals,
  type Session,
  type VitalSample,
} from '@vigil/shared';

export interface RecentWindow {
  windowMs: number;
  maxSamples: number;
}

const sampleTime = (sample: VitalSample): number => Date.parse(sample.at);

const byTime = (a: VitalSample, b: VitalSample): number => sampleTime(a) - sampleTime(b);

/** A stored sample is the same sample however it reached us (REST backfill or socket). */
const sampleKey = (sample: VitalSample): string =>
  `${sample.at}|${sample.seq ?? ''}|${sample.receivedAt}`;

/**
 * Merges samples into a session's history: deduplicated, in time order, and bounded to the window
 * ending at the newest sample (device time, so a skewed browser clock cannot empty it).
 */
export function mergeRecentSamples(
  existing: readonly VitalSample[],
  incoming: readonly VitalSample[],
  { windowMs, maxSamples }: RecentWindow,
): VitalSample[] {
  const unique = new Map<string, VitalSample>();
  for (const sample of [...existing, ...incoming]) unique.set(sampleKey(sample), sample);
  const ordered = [...unique.values()].sort(byTime);
  const newest = ordered.at(-1);
  if (!newest) return [];
  const windowStart = sampleTime(newest) - windowMs;
  return ordered.filter((sample) => sampleTime(sample) >= windowStart).slice(-maxSamples);
}

/** The newer reading of each sign from either side. */
export function combineLatestVitals(a: LatestVitals, b: LatestVitals): LatestVitals {
  const readingsOfB = VITAL_SIGNS.flatMap((sign) => {
    const reading = b[sign];
    return reading ? [{ at: reading.at, [sign]: reading.value }] : [];
  });
  return mergeLatestVitals(a, readingsOfB);
}

export function sameLatestVitals(a: LatestVitals, b: LatestVitals): boolean {
  return VITAL_SIGNS.every(
    (sign) => a[sign]?.at === b[sign]?.at && a[sign]?.value === b[sign]?.value,
  );
}

/** Moves a session's latest vitals forward; returns the same array when nothing changed. */
export function applyVitalsToSessions(
  sessions: readonly Session[],
  sessionId: string,
  samples: readonly VitalSample[],
): readonly Session[] {
  const index = sessions.findIndex((session) => session.id === sessionId);
  const session = sessions[index];
  if (!session) return sessions;
  const latestVitals = mergeLatestVitals(session.latestVitals, samples);
  if (sameLatestVitals(latestVitals, session.latestVitals)) return sessions;
  return sessions.with(index, { ...session, latestVitals });
}

/**
 * Applies a `session.updated` event: a live session is added or replaced, a discharged or aborted
 * one leaves the ward. The event may carry older vitals than the socket has already delivered.
 */
export function upsertLiveSession(
  sessions: readonly Session[],
  updated: Session,
): readonly Session[] {
  const index = sessions.findIndex((session) => session.id === updated.id);
  const current = sessions[index];
  if (!isLiveSession(updated.state)) {
    return current ? sessions.filter((session) => session.id !== updated.id) : sessions;
  }
  if (!current) return [...sessions, updated];
  const latestVitals = combineLatestVitals(updated.latestVitals, current.latestVitals);
  return sessions.with(index, { ...updated, latestVitals });
}

/**
 * A refetch answers with the server's state when it read it; vitals that arrived by socket while
 * the request was in flight are newer and must not be rolled back.
 */
export function reconcileFetchedSessions(
  fetched: readonly Session[],
  cached: readonly Session[] | undefined,
): Session[] {
  const cachedById = new Map(cached?.map((session) => [session.id, session]));
  return fetched.map((session) => {
    const cachedVitals = cachedById.get(session.id)?.latestVitals;
    if (!cachedVitals) return session;
    const latestVitals = combineLatestVitals(session.latestVitals, cachedVitals);
    return sameLatestVitals(latestVitals, session.latestVitals)
      ? session
      : { ...session, latestVitals };
  });
}
