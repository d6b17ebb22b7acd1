import type { ProfilePreview, ReplayedEpisode } from '@vigil/shared';
import { priorityLabel } from '../../alerts/utils/alert-labels';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { episodeSpan } from '../utils/preview-summary';
import { ruleLabel } from '../utils/rule-labels';

function outcome(episode: ReplayedEpisode): string {
  if (episode.clearedAt) return `Cleared ${formatLocalDateTime(episode.clearedAt)}`;
  if (episode.latched) return 'Latched: a high alert stays until acknowledged';
  return 'Still open at the end of the recording';
}

function upgrades(episode: ReplayedEpisode): string {
  if (episode.upgrades.length === 0) return '—';
  return episode.upgrades
    .map((upgrade) => `${priorityLabel(upgrade.priority)} at ${formatLocalDateTime(upgrade.at)}`)
    .join('; ');
}

/** The alerts the rules would have raised, each with a bar showing when, over the recording. */
export function WouldBeAlertsTable({ preview }: { preview: ProfilePreview }) {
  const { episodes, from, to } = preview;
  if (episodes.length === 0 || !from || !to) {
    return <p className="page__status">These rules raise no alert on this session.</p>;
  }
  return (
    <div className="data-table-scroll">
      <table className="data-table would-be-alerts">
        <caption className="visually-hidden">Alerts these rules would have raised</caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Priority</th>
            <th scope="col">Raised</th>
            <th scope="col">Reading</th>
            <th scope="col">Upgraded</th>
            <th scope="col">Outcome</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {episodes.map((episode) => {
            const span = episodeSpan(episode, from, to);
            return (
              <tr key={`${episode.code}-${episode.raisedAt}`} data-testid="would-be-alert">
                <th scope="row">{ruleLabel(episode.code)}</th>
                <td>
                  <span className="priority-chip" data-priority={episode.priority}>
                    {priorityLabel(episode.priority)}
                  </span>
                </td>
                <td className="numeric">{formatLocalDateTime(episode.raisedAt)}</td>
                <td>{episode.message}</td>
                <td>{upgrades(episode)}</td>
                <td>{outcome(episode)}</td>
                <td className="would-be-alerts__when">
                  {/* The times are in words in the columns before; the bar shows them at a glance. */}
                  <span
                    aria-hidden="true"
                    className="would-be-alerts__bar"
                    data-priority={episode.priority}
                    style={{ left: `${span.startPercent}%`, width: `${span.widthPercent}%` }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
