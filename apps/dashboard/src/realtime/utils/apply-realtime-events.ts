import type { QueryClient } from '@tanstack/react-query';
import {
  isLiveSession,
  newerAlert,
  type Alert,
  type Session,
  type VitalSample,
  type VitalsEvent,
  type VitalsFrame,
} from '@vigil/shared';
import { applyAlertToCache } from '../../alerts/hooks/use-open-alerts';
import type { OpenAlerts } from '../../alerts/utils/open-alerts';
import { queryKeys } from '../../api/query-keys';
import { SESSION_VITALS_WINDOW } from '../../session/constants/session.constants';
import { RECENT_VITALS_WINDOW } from '../../ward/constants/ward.constants';
import {
  applyVitalsToSessions,
  mergeRecentSamples,
  newestSessionCopy,
  upsertLiveSession,
} from '../../ward/utils/merge-vitals';
import { type DelayReports, recordDelay } from '../../ward/utils/system-delay';
import { newestSessionsFor } from '../state/newest-sessions';

type LiveSessions = readonly Session[];
type RecentSamples = readonly VitalSample[];

/** A `vitals` event: one chair's readings, merged as a frame of one. */
export function applyVitalsEvent(queryClient: QueryClient, event: VitalsEvent) {
  applyVitalsFrame(queryClient, { items: [event] });
}

/**
 * A `vitals.frame` (or one `vitals` event): every chair's readings into the ward in one update of
 * its list, and into each chair's tile and session screen (history and header) that is loaded.
 */
export function applyVitalsFrame(queryClient: QueryClient, { items, delayMs }: VitalsFrame) {
  if (delayMs !== undefined) {
    queryClient.setQueryData<DelayReports>(queryKeys.systemDelay, (reports) =>
      recordDelay(reports, delayMs, Date.now()),
    );
  }
  const liveKey = queryKeys.sessions.live();
  const sessions = queryClient.getQueryData<LiveSessions>(liveKey);
  if (
    sessions &&
    items.some((item) => !sessions.some((session) => session.id === item.sessionId))
  ) {
    // Vitals for a session the screen does not know: the list itself is out of date.
    void queryClient.invalidateQueries({ queryKey: liveKey });
  }
  queryClient.setQueryData<LiveSessions>(
    liveKey,
    (current) =>
      current &&
      items.reduce(
        (ward, { sessionId, samples }) => applyVitalsToSessions(ward, sessionId, samples),
        current,
      ),
  );
  for (const { sessionId, samples } of items) {
    // Only grown once loaded: creating it here would stop the tile from fetching its backfill.
    queryClient.setQueryData<RecentSamples>(
      queryKeys.sessions.recentVitals(sessionId),
      (current) => current && mergeRecentSamples(current, samples, RECENT_VITALS_WINDOW),
    );
    // The session screen's whole-session history, likewise only once it has loaded.
    queryClient.setQueryData<RecentSamples>(
      queryKeys.sessions.vitals(sessionId),
      (current) => current && mergeRecentSamples(current, samples, SESSION_VITALS_WINDOW),
    );
    // And its header's live numbers: the session's latest readings move forward too.
    queryClient.setQueryData<Session>(
      queryKeys.sessions.detail(sessionId),
      (current) => current && applyVitalsToSessions([current], sessionId, samples)[0],
    );
  }
}

export function applySessionUpdate(queryClient: QueryClient, session: Session) {
  // Older than a copy already applied: at most its readings were news.
  if (!mergeNewestSession(queryClient, session)) return;
  // An open session screen has taken the new state; its timeline reloads, while a closed one asks
  // for nothing (every read is audited).
  const logKey = queryKeys.sessions.log(session.id);
  if (queryClient.getQueryData(logKey) !== undefined) {
    void queryClient.invalidateQueries({ queryKey: logKey, exact: true });
  }
  refreshAuditEntries(queryClient);
  refreshDischargeReadiness(queryClient, session.id);
  if (!isLiveSession(session.state)) dropAlertsOfEndedSession(queryClient, session.id);
  const liveKey = queryKeys.sessions.live();
  if (queryClient.getQueryData<LiveSessions>(liveKey) === undefined) {
    void queryClient.invalidateQueries({ queryKey: liveKey });
  }
}

/**
 * A copy of a session (an event, a command's answer) into the session screen, the ward and the
 * day's lists, each only once loaded. Of two copies the higher revision stands, so a late one never rolls either
 * back, nor brings back to the ward a session known to have ended. True when this copy is the
 * newest known.
 */
export function mergeNewestSession(queryClient: QueryClient, session: Session): boolean {
  const known = newestSessionsFor(queryClient).note(session);
  const newest = newestSessionCopy(known, session);
  queryClient.setQueryData<Session>(
    queryKeys.sessions.detail(session.id),
    (current) => current && newestSessionCopy(current, newest),
  );
  queryClient.setQueryData<LiveSessions>(
    queryKeys.sessions.live(),
    (current) => current && upsertLiveSession(current, newest),
  );
  queryClient.setQueriesData<LiveSessions>({ queryKey: queryKeys.sessions.allSchedules }, (day) =>
    day?.some((held) => held.id === session.id)
      ? day.map((held) => (held.id === session.id ? newestSessionCopy(held, newest) : held))
      : day,
  );
  return known === session;
}

/** `alert.raised` and `alert.updated`: alerts are never coalesced, each one is applied. */
export function applyAlertEvent(queryClient: QueryClient, alert: Alert) {
  applyAlertToCache(queryClient, alert);
  // An open session screen shades the episode at once; a closed one asks for nothing.
  queryClient.setQueryData<readonly Alert[]>(
    queryKeys.alerts.ofSession(alert.sessionId),
    (current) => current && withNewestCopy(current, alert),
  );
  refreshAuditEntries(queryClient);
  refreshDischargeReadiness(queryClient, alert.sessionId);
}

/** One session's alerts, resolved ones too, with an alert's newest copy (the higher revision). */
function withNewestCopy(alerts: readonly Alert[], alert: Alert): readonly Alert[] {
  const held = alerts.find((one) => one.id === alert.id);
  const newer = newerAlert(held, alert);
  return newer === held ? alerts : [...alerts.filter((one) => one.id !== alert.id), newer];
}

/**
 * A session that ended has resolved its alerts (`session-ended`), and the server says so in an
 * `alert.updated` each; the sound and the inbox drop them the moment the session is known to have
 * ended, whichever of the two news arrives first.
 */
export function dropAlertsOfEndedSession(queryClient: QueryClient, sessionId: string) {
  queryClient.setQueryData<OpenAlerts>(queryKeys.alerts.open(), (current) =>
    current?.some((alert) => alert.sessionId === sessionId)
      ? current.filter((alert) => alert.sessionId !== sessionId)
      : current,
  );
}

/** An open discharge form's checklist follows the session and its alerts at once. */
function refreshDischargeReadiness(queryClient: QueryClient, sessionId: string) {
  void queryClient.invalidateQueries({
    queryKey: queryKeys.sessions.dischargeReadiness(sessionId),
    exact: true,
  });
}

/**
 * Every session change and every alert is audited as it happens, so an audit log on screen (an
 * auditor's) reloads its entries; one not on screen is only marked stale. The chain's
 * verification reads the whole chain and is left to its own reload.
 */
function refreshAuditEntries(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.audit.allEntries });
}

/**
 * Connection-state recovery is not guaranteed, so every (re)connect reloads what is on screen
 * (the ward's chairs among it), and the open alerts, which then equal the server's.
 */
export function resynchronise(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.bays.all });
  refreshAuditEntries(queryClient);
}
