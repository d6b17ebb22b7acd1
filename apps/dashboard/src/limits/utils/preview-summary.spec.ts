import type { ReplayedEpisode } from '@vigil/shared';
import { countEpisodes, episodeSpan } from './preview-summary';

function anEpisode(overrides: Partial<ReplayedEpisode> = {}): ReplayedEpisode {
  return {
    code: 'SPO2_LOW',
    priority: 'medium',
    raisedPriority: 'medium',
    raisedAt: '2026-11-25T10:10:00.000Z',
    value: 92,
    threshold: 94,
    message: 'SpO2 92 < 94',
    upgrades: [],
    clearedAt: '2026-11-25T10:20:00.000Z',
    latched: false,
    ...overrides,
  };
}

describe('preview summary', () => {
  it('counts the would-be alerts by priority', () => {
    expect(countEpisodes([])).toBe('no alert');
    expect(countEpisodes([anEpisode()])).toBe('1 alert (1 medium)');
    expect(countEpisodes([anEpisode(), anEpisode({ priority: 'high' }), anEpisode()])).toBe(
      '3 alerts (1 high, 2 medium)',
    );
  });

  it('places an episode on the recording, open ones running to the end', () => {
    const from = '2026-11-25T10:00:00.000Z';
    const to = '2026-11-25T10:40:00.000Z';
    expect(episodeSpan(anEpisode(), from, to)).toEqual({ startPercent: 25, widthPercent: 25 });
    expect(episodeSpan(anEpisode({ clearedAt: null }), from, to)).toEqual({
      startPercent: 25,
      widthPercent: 75,
    });
    expect(
      episodeSpan(anEpisode({ clearedAt: '2026-11-25T10:10:00.000Z' }), from, to).widthPercent,
    ).toBe(0.5);
  });
});
