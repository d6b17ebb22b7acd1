import { aSample, aSession } from '../../../test/session.fixture';
import {
  applyVitalsToSessions,
  combineLatestVitals,
  mergeRecentSamples,
  reconcileFetchedSessions,
  upsertLiveSession,
} from './merge-vitals';

const MIN = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00.000Z');
const at = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();
const recentWindow = { windowMs: 10 * MIN, maxSamples: 100 };

describe('mergeRecentSamples', () => {
  it('orders samples by measurement time whatever order they arrive in', () => {
    const merged = mergeRecentSamples(
      [aSample({ at: at(2_000), heartRate: 72 })],
      [aSample({ at: at(3_000), heartRate: 74 }), aSample({ at: at(1_000), heartRate: 70 })],
      recentWindow,
    );
    expect(merged.map((sample) => sample.heartRate)).toEqual([70, 72, 74]);
  });

  it('keeps one copy of a sample delivered by both the backfill and the socket', () => {
    const sample = aSample({ at: at(1_000), seq: 7, heartRate: 70 });
    const merged = mergeRecentSamples([sample], [{ ...sample }], recentWindow);
    expect(merged).toHaveLength(1);
  });

  it('keeps two samples taken at the same time with different sequence numbers', () => {
    const merged = mergeRecentSamples(
      [aSample({ at: at(1_000), seq: 1, heartRate: 70 })],
      [aSample({ at: at(1_000), seq: 2, spo2: 97 })],
      recentWindow,
    );
    expect(merged).toHaveLength(2);
  });

  it('drops samples older than the recentWindow before the newest sample', () => {
    const merged = mergeRecentSamples(
      [aSample({ at: at(0), heartRate: 60 }), aSample({ at: at(5 * MIN), heartRate: 65 })],
      [aSample({ at: at(11 * MIN), heartRate: 70 })],
      recentWindow,
    );
    expect(merged.map((sample) => sample.heartRate)).toEqual([65, 70]);
  });

  it('keeps only the newest samples when a device floods the recentWindow', () => {
    const flood = Array.from({ length: 5 }, (_, i) =>
      aSample({ at: at(i * 100), heartRate: 60 + i }),
    );
    const merged = mergeRecentSamples([], flood, { windowMs: 10 * MIN, maxSamples: 3 });
    expect(merged.map((sample) => sample.heartRate)).toEqual([62, 63, 64]);
  });

  it('returns an empty history when there is nothing to merge', () => {
    expect(mergeRecentSamples([], [], recentWindow)).toEqual([]);
  });
});

describe('applyVitalsToSessions', () => {
  it('updates the latest readings of the session the samples belong to', () => {
    const sessions = [aSession({ id: 'a', bay: '1' }), aSession({ id: 'b', bay: '2' })];
    const updated = applyVitalsToSessions(sessions, 'b', [
      aSample({ sessionId: 'b', at: at(1_000), heartRate: 88, spo2: 96 }),
    ]);
    expect(updated[1]?.latestVitals).toEqual({
      heartRate: { value: 88, at: at(1_000) },
      spo2: { value: 96, at: at(1_000) },
    });
    expect(updated[0]).toBe(sessions[0]);
  });

  it('keeps a blood pressure from an earlier cuff cycle when only heart rate arrives', () => {
    const sessions = [aSession({ id: 'a', latestVitals: { systolic: { value: 128, at: at(0) } } })];
    const updated = applyVitalsToSessions(sessions, 'a', [aSample({ at: at(MIN), heartRate: 80 })]);
    expect(updated[0]?.latestVitals.systolic).toEqual({ value: 128, at: at(0) });
    expect(updated[0]?.latestVitals.heartRate).toEqual({ value: 80, at: at(MIN) });
  });

  it('does not let a late, older sample overwrite a newer reading', () => {
    const sessions = [aSession({ id: 'a', latestVitals: { spo2: { value: 97, at: at(2_000) } } })];
    const updated = applyVitalsToSessions(sessions, 'a', [aSample({ at: at(1_000), spo2: 88 })]);
    expect(updated).toBe(sessions);
  });

  it('returns the same list for a session that is not on the ward', () => {
    const sessions = [aSession({ id: 'a' })];
    expect(applyVitalsToSessions(sessions, 'unknown', [aSample({ at: at(0), spo2: 97 })])).toBe(
      sessions,
    );
  });
});

describe('upsertLiveSession', () => {
  it('adds a session that has just become live', () => {
    const sessions = [aSession({ id: 'a' })];
    const updated = upsertLiveSession(sessions, aSession({ id: 'b', state: 'assessed' }));
    expect(updated.map((session) => session.id)).toEqual(['a', 'b']);
  });

  it('replaces a session whose state changed', () => {
    const sessions = [aSession({ id: 'a', state: 'infusing' })];
    const updated = upsertLiveSession(sessions, aSession({ id: 'a', state: 'paused' }));
    expect(updated).toHaveLength(1);
    expect(updated[0]?.state).toBe('paused');
  });

  it.each(['discharged', 'aborted'] as const)('removes a session that was %s', (state) => {
    const sessions = [aSession({ id: 'a' }), aSession({ id: 'b' })];
    const updated = upsertLiveSession(sessions, aSession({ id: 'a', state }));
    expect(updated.map((session) => session.id)).toEqual(['b']);
  });

  it('keeps the newer copy when an older event arrives late', () => {
    const sessions = [aSession({ id: 'a', state: 'paused', revision: 5 })];
    expect(upsertLiveSession(sessions, aSession({ id: 'a', state: 'infusing', revision: 4 }))).toBe(
      sessions,
    );
  });

  it('keeps on the ward a session whose late, older copy was not yet live', () => {
    const sessions = [aSession({ id: 'a', state: 'assessed', revision: 2 })];
    const updated = upsertLiveSession(
      sessions,
      aSession({ id: 'a', state: 'scheduled', revision: 1 }),
    );
    expect(updated.map((session) => [session.id, session.state])).toEqual([['a', 'assessed']]);
  });

  it('takes the readings of a late copy all the same', () => {
    const sessions = [aSession({ id: 'a', revision: 5, latestVitals: {} })];
    const late = aSession({
      id: 'a',
      revision: 4,
      latestVitals: { spo2: { value: 88, at: at(1_000), source: 'device:m1' } },
    });
    expect(upsertLiveSession(sessions, late)[0]).toMatchObject({
      revision: 5,
      latestVitals: { spo2: { value: 88, at: at(1_000), source: 'device:m1' } },
    });
  });

  it('keeps vitals the socket delivered after the server built the event', () => {
    const sessions = [aSession({ id: 'a', latestVitals: { spo2: { value: 95, at: at(5_000) } } })];
    const event = aSession({
      id: 'a',
      state: 'paused',
      latestVitals: { spo2: { value: 98, at: at(1_000) } },
    });
    const updated = upsertLiveSession(sessions, event);
    expect(updated[0]?.latestVitals.spo2).toEqual({ value: 95, at: at(5_000) });
  });
});

describe('reconcileFetchedSessions', () => {
  it('takes the fetched list as is when nothing was cached', () => {
    const fetched = [aSession({ id: 'a' })];
    expect(reconcileFetchedSessions(fetched, undefined)).toEqual(fetched);
  });

  it('keeps readings newer than the fetched ones and drops sessions no longer live', () => {
    const fetched = [aSession({ id: 'a', latestVitals: { heartRate: { value: 70, at: at(0) } } })];
    const cached = [
      aSession({ id: 'a', latestVitals: { heartRate: { value: 75, at: at(1_000) } } }),
      aSession({ id: 'gone' }),
    ];
    const reconciled = reconcileFetchedSessions(fetched, cached);
    expect(reconciled.map((session) => session.id)).toEqual(['a']);
    expect(reconciled[0]?.latestVitals.heartRate).toEqual({ value: 75, at: at(1_000) });
  });
});

describe('reconcileFetchedSessions and revisions', () => {
  it('keeps a change told by an event while the read was in flight', () => {
    const fetched = [aSession({ id: 'a', state: 'infusing', revision: 3 })];
    const cached = [aSession({ id: 'a', state: 'paused', revision: 4 })];
    expect(reconcileFetchedSessions(fetched, cached)[0]?.state).toBe('paused');
  });

  it('takes the read when it is newer than the copy held', () => {
    const fetched = [aSession({ id: 'a', state: 'paused', revision: 4 })];
    const cached = [aSession({ id: 'a', state: 'infusing', revision: 3 })];
    expect(reconcileFetchedSessions(fetched, cached)[0]?.state).toBe('paused');
  });

  it('leaves off the ward a session known to have ended while the read was in flight', () => {
    const fetched = [aSession({ id: 'a', state: 'recovery', revision: 6 }), aSession({ id: 'b' })];
    const ended = aSession({ id: 'a', state: 'discharged', revision: 7 });
    const reconciled = reconcileFetchedSessions(fetched, [], (id) =>
      id === 'a' ? ended : undefined,
    );
    expect(reconciled.map((session) => session.id)).toEqual(['b']);
  });
});

describe('combineLatestVitals', () => {
  it('keeps every source’s reading and shows the most alarming one heard lately (shared rule)', () => {
    const monitor = { value: 72, at: at(1_000), source: 'device:m1' };
    const manual = { value: 98, at: at(5_000), source: 'user:n1' };
    const combined = combineLatestVitals({ spo2: monitor }, { spo2: manual });
    expect(combined.spo2).toEqual({
      value: 72,
      at: at(1_000),
      source: 'device:m1',
      sources: {
        'device:m1': { value: 72, at: at(1_000) },
        'user:n1': { value: 98, at: at(5_000) },
      },
    });
    expect(combineLatestVitals({ spo2: manual }, { spo2: monitor })).toEqual(combined);
  });

  it('keeps the sources a reading already carries when the other side has none for its sign', () => {
    const spo2 = {
      value: 72,
      at: at(1_000),
      source: 'device:m1',
      sources: {
        'device:m1': { value: 72, at: at(1_000) },
        'user:n1': { value: 98, at: at(5_000) },
      },
    };
    expect(combineLatestVitals({}, { spo2 })).toEqual({ spo2 });
    expect(combineLatestVitals({ spo2 }, {})).toEqual({ spo2 });
  });

  it('takes the newer reading of each sign from either side', () => {
    const combined = combineLatestVitals(
      { heartRate: { value: 70, at: at(2_000) }, spo2: { value: 97, at: at(0) } },
      { heartRate: { value: 60, at: at(1_000) }, spo2: { value: 94, at: at(3_000) } },
    );
    expect(combined).toEqual({
      heartRate: { value: 70, at: at(2_000) },
      spo2: { value: 94, at: at(3_000) },
    });
  });
});
