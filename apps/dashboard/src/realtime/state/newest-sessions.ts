import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';

/**
 * The highest revision of each session this screen has been told of, by event, answer or read,
 * whether or not a cache still holds it: a read that was in flight while a session ended must not
 * bring it back, and an event that arrives late must not roll it back.
 */
export class NewestSessions {
  private readonly byId = new Map<string, Session>();

  /** Takes a copy in; answers the newest copy known, which may be an earlier one. */
  note(session: Session): Session {
    const held = this.byId.get(session.id);
    if (held && held.revision > session.revision) return held;
    this.byId.set(session.id, session);
    return session;
  }

  get(sessionId: string): Session | undefined {
    return this.byId.get(sessionId);
  }
}

const registers = new WeakMap<QueryClient, NewestSessions>();

/** One register per query cache, so tests with fresh caches never share one. */
export function newestSessionsFor(queryClient: QueryClient): NewestSessions {
  let register = registers.get(queryClient);
  if (!register) {
    register = new NewestSessions();
    registers.set(queryClient, register);
  }
  return register;
}
