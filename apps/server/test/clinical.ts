import type { INestApplication } from '@nestjs/common';
import { DEFAULT_CONCENTRATION_MG_PER_ML, type DischargeInput } from '@vigil/shared';
import { CLEAN_ASSESSMENT } from '@vigil/testing';
import { actorOf, systemPrincipal } from '../src/auth/principal';
import { SessionsService } from '../src/sessions/sessions.service';

export { CLEAN_ASSESSMENT };

/** A patient fully recovered, with a named escort: what a discharge form says at its best. */
export const RECOVERED: DischargeInput = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
  moaas: 5,
  escort: { name: 'Alex Doe', phone: '+44 20 7946 0018' },
};

/**
 * Takes a scheduled session through the physician's order (when a nurse scheduled it), a clean
 * assessment and, if asked, into the infusion.
 */
export async function prepareSession(
  app: INestApplication,
  sessionId: string,
  until: 'assessed' | 'infusing' = 'infusing',
): Promise<void> {
  const sessions = app.get(SessionsService);
  const actor = actorOf(systemPrincipal('test'));
  const { order, doseMgPerKg, plannedDurationMin } = await sessions.getEntity(sessionId);
  if (!order) {
    await sessions.signOrder(actor, sessionId, {
      doseMgPerKg,
      plannedDurationMin,
      concentrationMgPerMl: DEFAULT_CONCENTRATION_MG_PER_ML,
    });
  }
  await sessions.assess(actor, sessionId, CLEAN_ASSESSMENT);
  if (until === 'infusing') await sessions.start(actor, sessionId);
}
