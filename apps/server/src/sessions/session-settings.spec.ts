import { DEFAULT_THRESHOLD_PROFILE } from '@vigil/shared';
import {
  SessionSettingsByRevision,
  type StoredSettingsRow,
  withSettings,
} from './session-settings';

const limits = JSON.stringify({ ...DEFAULT_THRESHOLD_PROFILE, deepDesaturationSpo2: 94 });
const assessment = JSON.stringify({ baseline: { systolic: 120, diastolic: 80, heartRate: 70 } });

function stored(
  id: string,
  revision: number,
  deepDesaturationSpo2 = 94,
): StoredSettingsRow & { revision: number } {
  return {
    id,
    revision,
    limits: JSON.stringify({ ...DEFAULT_THRESHOLD_PROFILE, deepDesaturationSpo2 }),
    assessment,
  };
}

describe('SessionSettingsByRevision', () => {
  it('gives the settings read for a revision, and nothing for another revision', () => {
    const cache = new SessionSettingsByRevision(10);
    const settings = cache.keep({ id: 'a', revision: 3, limits, assessment });
    expect(settings.limits?.deepDesaturationSpo2).toBe(94);
    expect(settings.assessment?.baseline).toEqual({ systolic: 120, diastolic: 80, heartRate: 70 });
    // PostgreSQL may return a number column as text.
    expect(cache.at('a', '3')).toBe(settings);
    expect(cache.at('a', 4)).toBeUndefined();
    expect(cache.at('b', 3)).toBeUndefined();
  });

  it('reads a session without a limits snapshot as following its profile', () => {
    const cache = new SessionSettingsByRevision(10);
    expect(cache.keep({ id: 'a', revision: 1, limits: null, assessment: null })).toEqual({
      limits: null,
      assessment: null,
    });
  });

  it('gives a stored snapshot the defaults of settings added since it was taken', () => {
    const { recoveryMinimumMin: _added, ...older } = DEFAULT_THRESHOLD_PROFILE;
    const cache = new SessionSettingsByRevision(10);
    const settings = cache.keep({
      id: 'a',
      revision: 1,
      limits: JSON.stringify(older),
      assessment,
    });
    expect(settings.limits?.recoveryMinimumMin).toBe(DEFAULT_THRESHOLD_PROFILE.recoveryMinimumMin);
  });

  it('stays within its capacity, and forgets sessions that are no longer live', () => {
    const cache = new SessionSettingsByRevision(2);
    cache.keep(stored('a', 1));
    cache.keep(stored('b', 1));
    cache.keep(stored('a', 2));
    expect(cache.at('b', 1)).toBeDefined();
    cache.keep(stored('c', 1));
    expect(cache.at('a', 2)).toBeUndefined();
    expect(cache.at('c', 1)).toBeDefined();
    cache.keep(stored('d', 1));
    cache.keepOnly(new Set(['d']));
    expect(cache.at('c', 1)).toBeUndefined();
    expect(cache.at('d', 1)).toBeDefined();
  });
});

describe('withSettings', () => {
  it('reads whole only the rows whose revision it has not seen, and takes those rows', async () => {
    const cache = new SessionSettingsByRevision(10);
    cache.keep(stored('known', 1, 91));
    cache.keep(stored('changed', 1, 92));
    const asked: string[][] = [];
    const settled = await withSettings(
      [
        { id: 'known', revision: 1, state: 'infusing' },
        { id: 'changed', revision: 2, state: 'infusing' },
        { id: 'new', revision: 1, state: 'assessed' },
        { id: 'gone', revision: 1, state: 'infusing' },
      ],
      cache,
      (ids) => {
        asked.push(ids);
        // Read a moment later: 'changed' has moved on again, 'gone' has ended.
        return Promise.resolve([
          { ...stored('changed', 3, 93), state: 'paused' },
          { ...stored('new', 1, 95), state: 'assessed' },
        ]);
      },
    );
    expect(asked).toEqual([['changed', 'new', 'gone']]);
    expect(
      settled.map(({ row, settings }) => [
        row.id,
        row.revision,
        row.state,
        settings.limits?.deepDesaturationSpo2,
      ]),
    ).toEqual([
      ['known', 1, 'infusing', 91],
      ['changed', 3, 'paused', 93],
      ['new', 1, 'assessed', 95],
    ]);
    expect(cache.at('changed', 3)?.limits?.deepDesaturationSpo2).toBe(93);
  });

  it('reads many unknown rows in slices', async () => {
    const ids = Array.from({ length: 1_201 }, (_, index) => `s${index}`);
    const slices: number[] = [];
    const settled = await withSettings(
      ids.map((id) => ({ id, revision: 1 })),
      new SessionSettingsByRevision(10_000),
      (slice) => {
        slices.push(slice.length);
        return Promise.resolve(slice.map((id) => stored(id, 1)));
      },
    );
    expect(slices).toEqual([500, 500, 201]);
    expect(settled).toHaveLength(1_201);
  });
});
