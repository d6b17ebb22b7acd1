import fc from 'fast-check';
import { infusionElapsedMs, type InfusionTimes } from './infusion-clock';
import { decideSessionMove } from './session-commands';
import {
  SESSION_ACTIONS,
  sessionActionRefusal,
  type SessionAction,
  type SessionState,
} from './session-state';

type Session = InfusionTimes & { state: SessionState };

const fresh: Session = {
  state: 'scheduled',
  startedAt: null,
  endedAt: null,
  pausedMs: 0,
  pausedAt: null,
};

/** Applies every move the decider allows, as the server's writer does, in time order. */
function run(moves: Array<{ action: SessionAction; afterMs: number }>, role = 'physician') {
  let session = fresh;
  let at = Date.parse('2026-12-06T09:00:00.000Z');
  const elapsed: number[] = [];
  for (const { action, afterMs } of moves) {
    at += afterMs;
    const decision = decideSessionMove(session, action, role, at);
    expect(decision.refused).toBe(sessionActionRefusal(session.state, action, role));
    if (decision.refused === null) {
      session = { ...session, ...decision.clock, state: decision.state };
    }
    elapsed.push(infusionElapsedMs(session, at));
  }
  return { session, elapsed };
}

describe('decideSessionMove', () => {
  it('counts the infusion from the start to the stop, pauses excluded', () => {
    const minute = 60_000;
    const { session, elapsed } = run([
      { action: 'assess', afterMs: 0 },
      { action: 'start', afterMs: minute },
      { action: 'pause', afterMs: 10 * minute },
      { action: 'resume', afterMs: 5 * minute },
      { action: 'stop', afterMs: 30 * minute },
    ]);
    expect(session).toMatchObject({ state: 'recovery', pausedMs: 5 * minute, pausedAt: null });
    expect(elapsed.at(-1)).toBe(40 * minute);
  });

  it('refuses exactly what the state machine and the role refuse, and never winds the clock back', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...SESSION_ACTIONS),
            afterMs: fc.integer({ min: 0, max: 3_600_000 }),
          }),
          { maxLength: 30 },
        ),
        fc.constantFrom('nurse', 'physician'),
        (moves, role) => {
          const { session, elapsed } = run(moves, role);
          expect(session.pausedMs).toBeGreaterThanOrEqual(0);
          elapsed.forEach((value, index) => {
            if (index > 0) expect(value).toBeGreaterThanOrEqual(elapsed[index - 1] ?? 0);
          });
        },
      ),
    );
  });
});
