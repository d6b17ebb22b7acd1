import type { INestApplication } from '@nestjs/common';
import {
  DEFAULT_CONCENTRATION_MG_PER_ML,
  roundMg,
  type DischargeInput,
  type Session,
} from '@vigil/shared';
import { CLEAN_ASSESSMENT } from '@vigil/testing';
import { DataSource } from 'typeorm';
import { KetamineService } from '../src/administration/ketamine.service';
import { actorOf, sourceOf, systemPrincipal } from '../src/auth/principal';
import { SessionOrders } from '../src/sessions/session-orders';
import { SessionRecords } from '../src/sessions/session-records';
import { SessionsService } from '../src/sessions/sessions.service';
import { VitalSampleEntity } from '../src/vitals/vital-sample.entity';
import { VitalsIngestService } from '../src/vitals/vitals-ingest.service';
import { type apiAs, TEST_PASSWORD } from './test-users';

export { CLEAN_ASSESSMENT };

const TEST_MONITOR = 'test-monitor';
/** The source (and audit actor) of the reading `prepareSession` sends so the start is allowed. */
export const START_READING_SOURCE = sourceOf(systemPrincipal(TEST_MONITOR));

/** A patient fully recovered, with a named escort: what a discharge form says at its best. */
export const RECOVERED: DischargeInput = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
  moaas: 5,
  escort: { name: 'Alex Doe', phone: '+44 20 7946 0018' },
};

/**
 * One reading from the test's own source, as the monitor sends it once attached: the start needs
 * one younger than 2 minutes. It matches the clean assessment's baseline, so it raises nothing.
 */
export async function postReading(
  app: INestApplication,
  sessionId: string,
  at = Date.now(),
): Promise<void> {
  const { systolic, diastolic, heartRate, spo2, respRate } = CLEAN_ASSESSMENT.baseline;
  await app.get(VitalsIngestService).ingest(systemPrincipal(TEST_MONITOR), sessionId, {
    samples: [{ at: new Date(at).toISOString(), systolic, diastolic, heartRate, spo2, respRate }],
  });
}

/**
 * A patient and a session for them in the bay, scheduled by the physician and taken into the
 * infusion (`prepareSession`), through the API as the ward does it.
 */
export async function infusingSession(
  app: INestApplication,
  physician: ReturnType<typeof apiAs>,
  { mrn, bay }: { mrn: string; bay: string },
): Promise<Session> {
  const patient = await physician
    .post('/patients')
    .send({ mrn, displayName: 'Test Patient', weightKg: 70 })
    .expect(201);
  const session: Session = (
    await physician
      .post('/sessions')
      .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201)
  ).body;
  await prepareSession(app, session.id);
  return session;
}

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
  const { order, doseMgPerKg, plannedDurationMin } = await app
    .get(SessionRecords)
    .getEntity(sessionId);
  if (!order) {
    await app.get(SessionOrders).signOrder(actor, sessionId, {
      doseMgPerKg,
      plannedDurationMin,
      concentrationMgPerMl: DEFAULT_CONCENTRATION_MG_PER_ML,
    });
  }
  await sessions.assess(actor, sessionId, CLEAN_ASSESSMENT);
  if (until === 'infusing') {
    await postReading(app, sessionId);
    await sessions.start(actor, sessionId);
    // The specs count, trend and export their own samples: the reading that let the start through
    // is taken out again (its audit entry stays); the start gate has its own spec.
    await app
      .get(DataSource)
      .getRepository(VitalSampleEntity)
      .delete({ sessionId, source: START_READING_SOURCE });
  }
}

/** More than any test infusion gives: a vial drawn up, the rest wasted after the stop. */
const TEST_VIAL_SPARE_MG = 10;

/**
 * The controlled-substance record a clinic keeps around an infusion that has stopped: what the
 * pump gave plus a spare drawn up, the spare wasted, witnessed by the seeded physician with their
 * own password, so the balance closes and only the specs' other criteria judge the discharge.
 * Call it once the pump record is final (after any move of its times).
 */
export async function closeKetamineRecord(app: INestApplication, sessionId: string): Promise<void> {
  const records = app.get(SessionRecords);
  const { deliveredMg } = await records.toSession(await records.getEntity(sessionId));
  const ketamine = app.get(KetamineService);
  const actor = actorOf(systemPrincipal('test'));
  await ketamine.draw(actor, sessionId, {
    mg: roundMg(deliveredMg + TEST_VIAL_SPARE_MG),
    lot: 'KET-TEST-01',
  });
  await ketamine.waste(
    actor,
    sessionId,
    { mg: TEST_VIAL_SPARE_MG, witness: { username: 'physician', password: TEST_PASSWORD } },
    undefined,
  );
}
