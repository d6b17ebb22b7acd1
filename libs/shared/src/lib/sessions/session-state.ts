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
  infusing: { pause: 'paused', stop: 'recovery', abort: 'aborted' },
  paused: { resume: 'infusing', stop: 'recovery', abort: 'aborted' },
  recovery: { discharge: 'discharged', abort: 'aborted' },
  discharged: {},
  aborted: {},
};

/** The state an action leads to, or null when the current state does not allow it. */
export function nextSessionState(state: SessionState, action: SessionAction): SessionState | null {
  return TRANSITIONS[state][action] ?? null;
}

export function allowedSessionActions(state: SessionState): SessionAction[] {
  return SESSION_ACTIONS.filter((action) => TRANSITIONS[state][action] !== undefined);
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
