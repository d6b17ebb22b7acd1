import {
  SESSION_ACTIONS,
  SESSION_STATES,
  acceptsVitals,
  allowedSessionActions,
  isLiveSession,
  nextSessionState,
  type SessionState,
} from './session-state';

describe('session state machine', () => {
  it('runs the whole protocol: scheduled → assessed → infusing ⇄ paused → recovery → discharged', () => {
    let state: SessionState = 'scheduled';
    for (const action of [
      'assess',
      'start',
      'pause',
      'resume',
      'pause',
      'stop',
      'discharge',
    ] as const) {
      const next = nextSessionState(state, action);
      expect(next).not.toBeNull();
      state = next!;
    }
    expect(state).toBe('discharged');
  });

  it('reaches aborted from every live state and leaves no way out of an ended one', () => {
    for (const state of SESSION_STATES) {
      if (isLiveSession(state)) expect(nextSessionState(state, 'abort')).toBe('aborted');
      else expect(allowedSessionActions(state)).toEqual([]);
    }
  });

  it('refuses to start before the assessment or to discharge during the infusion', () => {
    expect(nextSessionState('scheduled', 'start')).toBeNull();
    expect(nextSessionState('infusing', 'discharge')).toBeNull();
    expect(nextSessionState('paused', 'pause')).toBeNull();
  });

  it('lists exactly the actions that lead somewhere', () => {
    for (const state of SESSION_STATES) {
      const allowed = allowedSessionActions(state);
      for (const action of SESSION_ACTIONS) {
        expect(allowed.includes(action)).toBe(nextSessionState(state, action) !== null);
      }
    }
  });

  it('accepts vitals from assessment to the end of recovery', () => {
    expect(SESSION_STATES.filter(acceptsVitals)).toEqual([
      'assessed',
      'infusing',
      'paused',
      'recovery',
    ]);
  });
});
