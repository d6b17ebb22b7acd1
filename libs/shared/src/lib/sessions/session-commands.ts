import type { InfusionTimes } from './infusion-clock';
import {
  nextSessionState,
  sessionActionRefusal,
  type SessionAction,
  type SessionActionRefusal,
  type SessionState,
} from './session-state';

/** What a move of the state machine decides, before any clinical gate of its own. */
export type SessionMoveDecision =
  | { refused: SessionActionRefusal }
  | { refused: null; state: SessionState; clock: Partial<InfusionTimes> };

/**
 * The decider for a session's moves: from the session as read, the action, who asks and when,
 * either the refusal (the state forbids it, or it needs a physician) or the next state with the
 * infusion clock's changes. Pure, so the server's one writer applies exactly what it returns.
 */
export function decideSessionMove(
  session: InfusionTimes & { state: SessionState },
  action: SessionAction,
  role: string,
  at: number,
): SessionMoveDecision {
  const refusal = sessionActionRefusal(session.state, action, role);
  const next = nextSessionState(session.state, action);
  if (refusal || !next) return { refused: refusal ?? 'state' };
  return { refused: null, state: next, clock: clockChanges(session, action, at) };
}

/** The infusion clock: when it started, its pauses, and when it ended. */
function clockChanges(
  session: InfusionTimes,
  action: SessionAction,
  at: number,
): Partial<InfusionTimes> {
  const now = new Date(at).toISOString();
  switch (action) {
    case 'start':
      return { startedAt: now };
    case 'pause':
      return { pausedAt: now };
    case 'resume':
      return session.pausedAt
        ? { pausedMs: session.pausedMs + at - Date.parse(session.pausedAt), pausedAt: null }
        : {};
    case 'stop':
    case 'abort': {
      if (session.endedAt || !session.startedAt) return {};
      const openPause = session.pausedAt ? at - Date.parse(session.pausedAt) : 0;
      return { pausedMs: session.pausedMs + openPause, pausedAt: null, endedAt: now };
    }
    case 'assess':
    case 'discharge':
      return {};
  }
}
