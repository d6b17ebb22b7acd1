import type { INestApplication } from '@nestjs/common';
import { CLEAN_ASSESSMENT } from '@vigil/testing';
import { actorOf, systemPrincipal } from '../src/auth/principal';
import { SessionsService } from '../src/sessions/sessions.service';

export { CLEAN_ASSESSMENT };

/** Takes a scheduled session through a clean assessment and, if asked, into the infusion. */
export async function prepareSession(
  app: INestApplication,
  sessionId: string,
  until: 'assessed' | 'infusing' = 'infusing',
): Promise<void> {
  const sessions = app.get(SessionsService);
  const actor = actorOf(systemPrincipal('test'));
  await sessions.assess(actor, sessionId, CLEAN_ASSESSMENT);
  if (until === 'infusing') await sessions.start(actor, sessionId);
}
