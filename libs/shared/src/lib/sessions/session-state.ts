export const SESSION_STATES = [
  'scheduled',
  'assessed',
  'infusing',
  'paused',
  'recovery',
  'discharged',
  'aborted',
] as const;

export type SessionState = (typeof SESSION_STATES)[number];

export const SESSION_ACTIONS = [
  'assess',
  'start',
  'pause',
  'resume',
  'stop',
  'discharge',
  'abort',
] as const;

export type SessionAction = (typeof SESSION_ACTIONS)[number];

const TRANSITIONS: Record<SessionState, Partial<Record<SessionAction, SessionState>>> = {
  scheduled: { assess: 'assessed', abort: 'aborted' },
  assessed: { assess: 'assessed', start: 'infusing', abort: 'aborted' },
  // An infusion that must end early is stopped, so that monitoring goes on in recovery.
  infusing: { pause: 'paused', stop: 'recovery' },
  paused: { resume: 'infusing', stop: 'recovery', abort: 'aborted' },
  recovery: { discharge: 'discharged', abort: 'aborted' },
  discharged: {},
  aborted: {},
};

/** The state an action leads to, or null when the current state does not allow it. */
export function nextSessionState(state: SessionState, action: SessionAction): SessionState | null {
  return TRANSITIONS[state][action] ?? null;
}

/**
 * Once the infusion has begun, abandoning the session (the patient leaves against advice) ends
 * monitoring for good: a physician's decision. Before the start, abort is only a cancellation.
 */
const PHYSICIAN_ONLY: Partial<Record<SessionState, readonly SessionAction[]>> = {
  paused: ['abort'],
  recovery: ['abort'],
};

/** Why an action cannot be taken now: the state forbids it, or it needs a physician. */
export type SessionActionRefusal = 'state' | 'physician';

export function sessionActionRefusal(
  state: SessionState,
  action: SessionAction,
  role: string,
): SessionActionRefusal | null {
  if (nextSessionState(state, action) === null) return 'state';
  if (PHYSICIAN_ONLY[state]?.includes(action) && role !== 'physician') return 'physician';
  return null;
}

/** What the state machine allows next (for this role, when given). */
export function allowedSessionActions(state: SessionState, role?: string): SessionAction[] {
  return SESSION_ACTIONS.filter((action) =>
    role === undefined
      ? TRANSITIONS[state][action] !== undefined
      : sessionActionRefusal(state, action, role) === null,
  );
}

/** States in which a bedside monitor's readings belong to the session. */
export const VITALS_ACCEPTING_STATES: readonly SessionState[] = [
  'assessed',
  'infusing',
  'paused',
  'recovery',
];

export function acceptsVitals(state: SessionState): boolean {
  return VITALS_ACCEPTING_STATES.includes(state);
}

/** A session that still occupies its chair. */
export function isLiveSession(state: SessionState): boolean {
  return state !== 'discharged' && state !== 'aborted';
}
