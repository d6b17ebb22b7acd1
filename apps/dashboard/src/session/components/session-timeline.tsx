import type { TimelineEvent } from '@vigil/shared';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { timelineKindLabel } from '../utils/clinical-labels';

interface SessionTimelineProps {
  events: readonly TimelineEvent[] | undefined;
  error: Error | null;
}

/** The session's whole record in time order: who did what, and when. */
export function SessionTimeline({ events, error }: SessionTimelineProps) {
  if (error) {
    return (
      <p className="form-error" role="alert">
        Could not load the timeline: {error.message}
      </p>
    );
  }
  if (!events) return <p role="status">Loading the timeline…</p>;
  if (events.length === 0) return <p className="page__status">Nothing recorded yet.</p>;
  return (
    <ol className="session-timeline" aria-label="Session timeline">
      {events.map((event, index) => (
        <li
          key={`${event.at}-${index}`}
          className="session-timeline__event"
          data-kind={event.kind}
          data-testid="timeline-event"
        >
          <time dateTime={event.at} className="session-timeline__time">
            {formatLocalDateTime(event.at)}
          </time>
          <span className="session-timeline__kind">{timelineKindLabel(event.kind)}</span>
          <span className="session-timeline__summary">{event.summary}</span>
          {/* People by their names; the trail's username stays on record and on hover. */}
          <span className="session-timeline__actor" title={event.actor}>
            {event.actorName ?? event.actor}
          </span>
        </li>
      ))}
    </ol>
  );
}
