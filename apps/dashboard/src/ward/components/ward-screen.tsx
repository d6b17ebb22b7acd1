import { useMemo } from 'react';
import { useLiveSessions } from '../hooks/use-live-sessions';
import { sortByBay } from '../utils/sort-by-bay';
import { LiveBedTile } from './live-bed-tile';
import './ward-screen.css';

/** The nurses' home: every occupied chair at a glance. */
export function WardScreen() {
  const { data: sessions, error } = useLiveSessions();
  const sortedSessions = useMemo(() => (sessions ? sortByBay(sessions) : undefined), [sessions]);

  return (
    <main className="ward-screen" aria-labelledby="ward-screen-title">
      <header className="ward-screen__header">
        <h1 id="ward-screen-title">Ward</h1>
        {sortedSessions && (
          <p data-testid="live-session-count">
            {sortedSessions.length} live {sortedSessions.length === 1 ? 'session' : 'sessions'}
          </p>
        )}
      </header>
      {error && (
        <p className="ward-screen__error" role="alert">
          {sortedSessions ? 'Could not refresh sessions' : 'Could not load sessions'}:{' '}
          {error.message}
        </p>
      )}
      {!sortedSessions && !error && <p role="status">Loading sessions…</p>}
      {sortedSessions?.length === 0 && <p>No live sessions.</p>}
      {sortedSessions && sortedSessions.length > 0 && (
        <div className="ward-screen__grid">
          {sortedSessions.map((session) => (
            <LiveBedTile key={session.id} session={session} />
          ))}
        </div>
      )}
    </main>
  );
}
