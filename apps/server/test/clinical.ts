import type { INestApplication } from '@nestjs/common';
import type { AssessmentInput } from '@vigil/shared';
import { actorOf, systemPrincipal } from '../src/auth/principal';
import { SessionsService } from '../src/sessions/sessions.service';

/** A baseline and checklist that flag nothing. */
export const CLEAN_ASSESSMENT: AssessmentInput = {
  baseline: { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respRate: 14 },
  checklist: {
    consent: true,
    fasting: true,
    escortHome: true,
    psychiatricEvaluation: true,
    medicationsReviewed: true,
    pregnancyTest: 'not-applicable',
  },
};

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
