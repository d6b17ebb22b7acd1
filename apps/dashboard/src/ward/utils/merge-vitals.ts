import {
  isLiveSession,
  mergeLatestVitals,
  VITAL_SIGNS,
  type LatestReading,
  type LatestVitals,
  type Session,
  type VitalMeasurements,
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

type SourcedReading = VitalMeasurements & { at: string; source?: string };

/** Each source's reading a `LatestReading` carries, as the samples that would have given them. */
function readingsAsSamples(latest: LatestVitals): SourcedReading[] {
  return VITAL_SIGNS.flatMap((sign) => {
    const reading = latest[sign];
    if (!reading) return [];
    const bySource = reading.sources ?? {
      [reading.source ?? '']: { value: reading.value, at: reading.at },
    };
    return Object.entries(bySource).map(([source, { value, at }]) => ({
      at,
      [sign]: value,
      ...(source !== '' && { source }),
    }));
  });
}

/**
 * Both sides' readings, every source kept, under the shared rule (`mergeLatestVitals`): per sign,
 * the most alarming among the sources heard within 30 s of its newest reading.
 */
export function combineLatestVitals(a: LatestVitals, b: LatestVitals): LatestVitals {
  return mergeLatestVitals(a, readingsAsSamples(b));
}

const sameSources = (a: LatestReading['sources'], b: LatestReading['sources']): boolean => {
  const entriesOfA = Object.entries(a ?? {});
  return (
    entriesOfA.length === Object.keys(b ?? {}).length &&
    entriesOfA.every(([source, one]) => b?.[source]?.at === one.at && b[source].value === one.value)
  );
};

export function sameLatestVitals(a: LatestVitals, b: LatestVitals): boolean {
  return VITAL_SIGNS.every((sign) => {
    const one = a[sign];
    const other = b[sign];
    return (
      one?.at === other?.at &&
      one?.value === other?.value &&
      one?.source === other?.source &&
      sameSources(one?.sources, other?.sources)
    );
  });
}

/**
 * Of two copies of one session, the one with the higher revision (the incoming one when equal: the
 * same change told twice), with the newest readings of both, which no revision counts: an event or
 * an answer that arrives late never rolls the session back.
 */
export function newestSessionCopy(held: Session | undefined, incoming: Session): Session {
  if (!held) return incoming;
  const [newer, older] = incoming.revision >= held.revision ? [incoming, held] : [held, incoming];
  const latestVitals = combineLatestVitals(newer.latestVitals, older.latestVitals);
  return sameLatestVitals(latestVitals, newer.latestVitals) ? newer : { ...newer, latestVitals };
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
 * Applies a `session.updated` event (or a command's answer): a live session is added or replaced,
 * a discharged or aborted one leaves the ward. A copy older than the one held changes nothing but
 * readings, and the newer copy may carry older vitals than the socket has already delivered.
 */
export function upsertLiveSession(
  sessions: readonly Session[],
  updated: Session,
): readonly Session[] {
  const index = sessions.findIndex((session) => session.id === updated.id);
  const current = sessions[index];
  const newest = newestSessionCopy(current, updated);
  if (!isLiveSession(newest.state)) {
    return current ? sessions.filter((session) => session.id !== updated.id) : sessions;
  }
  if (!current) return [...sessions, newest];
  return newest === current ? sessions : sessions.with(index, newest);
}

/**
 * A refetch answers with the server's state when it read it; a change or vitals that arrived by
 * socket while the request was in flight are newer and must not be rolled back, and a session
 * known to have ended meanwhile stays off the ward.
 */
export function reconcileFetchedSessions(
  fetched: readonly Session[],
  cached: readonly Session[] | undefined,
  newestKnown: (sessionId: string) => Session | undefined = () => undefined,
): Session[] {
  const cachedById = new Map(cached?.map((session) => [session.id, session]));
  return fetched
    .map((session) =>
      [cachedById.get(session.id), newestKnown(session.id)].reduce<Session>(
        (newest, other) => newestSessionCopy(other, newest),
        session,
      ),
    )
    .filter((session) => isLiveSession(session.state));
}
