import {
  SESSION_ACTIONS,
  SESSION_STATES,
  acceptsVitals,
  allowedSessionActions,
  isLiveSession,
  nextSessionState,
  sessionActionRefusal,
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

  it('aborts before the start or, by a physician, from a pause or recovery; never mid-infusion', () => {
    expect(SESSION_STATES.filter((state) => nextSessionState(state, 'abort') !== null)).toEqual([
      'scheduled',
      'assessed',
      'paused',
      'recovery',
    ]);
    expect(sessionActionRefusal('infusing', 'abort', 'physician')).toBe('state');
    expect(sessionActionRefusal('assessed', 'abort', 'nurse')).toBeNull();
    expect(sessionActionRefusal('paused', 'abort', 'nurse')).toBe('physician');
    expect(sessionActionRefusal('recovery', 'abort', 'physician')).toBeNull();
    expect(allowedSessionActions('recovery', 'nurse')).toEqual(['discharge']);
    expect(allowedSessionActions('recovery', 'physician')).toEqual(['discharge', 'abort']);
  });

  it('leaves no way out of an ended session', () => {
    for (const state of SESSION_STATES.filter((each) => !isLiveSession(each))) {
      expect(allowedSessionActions(state)).toEqual([]);
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
