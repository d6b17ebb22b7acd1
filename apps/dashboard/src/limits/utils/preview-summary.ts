import type { AlertPriority, ReplayedEpisode } from '@vigil/shared';

/** "3 alerts (1 high, 2 medium)", or "no alert". */
export function countEpisodes(episodes: readonly ReplayedEpisode[]): string {
  if (episodes.length === 0) return 'no alert';
  const byPriority = (['high', 'medium', 'low'] as const satisfies readonly AlertPriority[])
    .map(
      (priority) =>
        [priority, episodes.filter((episode) => episode.priority === priority).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([priority, count]) => `${count} ${priority}`);
  const total = episodes.length === 1 ? '1 alert' : `${episodes.length} alerts`;
  return `${total} (${byPriority.join(', ')})`;
}

/**
 * Where an episode sits on the recording, as percentages of its span, for a bar drawn behind the
 * row. An episode still open at the end runs to the end.
 */
export function episodeSpan(
  episode: Pick<ReplayedEpisode, 'raisedAt' | 'clearedAt'>,
  from: string,
  to: string,
): { startPercent: number; widthPercent: number } {
  const start = Date.parse(from);
  const length = Math.max(Date.parse(to) - start, 1);
  const clamp = (value: number) => Math.min(100, Math.max(0, value));
  const raised = clamp(((Date.parse(episode.raisedAt) - start) / length) * 100);
  const cleared = episode.clearedAt
    ? clamp(((Date.parse(episode.clearedAt) - start) / length) * 100)
    : 100;
  // At least a sliver, so that an alert raised and cleared within a second still shows.
  return { startPercent: raised, widthPercent: Math.max(cleared - raised, 0.5) };
}
