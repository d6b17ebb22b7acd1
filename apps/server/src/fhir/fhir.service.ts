import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { badRequest, notFound } from '../common/vigil.exception';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import {
  type FhirEncounter,
  type FhirPatient,
  toFhirEncounter,
  toFhirPatient,
} from './fhir-resources';
import {
  encodeCursor,
  isUuid,
  type ObservationCursor,
  type ObservationSearch,
} from './observation-search';
import {
  columnsOf,
  type FhirObservation,
  OBSERVATION_KINDS,
  observationsOf,
} from './vital-sign-observations';

export interface ObservationPage {
  observations: FhirObservation[];
  /** Where the next page starts; null on the last. */
  next: string | null;
}

/** Vigil's records as FHIR R4 resources; every read of a patient's record is audited. */
@Injectable()
export class FhirService {
  constructor(
    @InjectRepository(PatientEntity) private readonly patients: Repository<PatientEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly samples: VitalSamplesRepository,
    private readonly audit: AuditService,
  ) {}

  async patient(actor: Actor, id: string): Promise<FhirPatient> {
    const patient = await this.findPatient(id);
    await this.audit.record(actor, {
      action: 'patient.read',
      entity: 'patient',
      entityId: patient.id,
      detail: { via: 'fhir' },
    });
    return toFhirPatient(patient);
  }

  async encounter(actor: Actor, id: string): Promise<FhirEncounter> {
    const session = isUuid(id) ? await this.sessions.findOneBy({ id }) : null;
    if (!session) throw notFound(`Encounter/${id} is not known`);
    await this.audit.record(actor, {
      action: 'session.read',
      entity: 'session',
      entityId: session.id,
      sessionId: session.id,
      detail: { via: 'fhir' },
    });
    return toFhirEncounter(session);
  }

  /**
   * One page of the patient's vital-signs Observations, oldest first. A stored sample holds up to
   * four of them (heart rate, SpO2, respiratory rate, blood pressure), so a page may end inside a
   * sample: the cursor names the sample and the last kind given. At most count + 2 samples are
   * read: the one the cursor is in, then one per Observation at least, and one more to know
   * whether another page follows.
   */
  async observations(actor: Actor, search: ObservationSearch): Promise<ObservationPage> {
    const patient = await this.findPatient(search.patientId);
    let sessionIds: string[];
    if (search.encounterId === null) {
      sessionIds = (
        await this.sessions.find({ select: { id: true }, where: { patientId: patient.id } })
      ).map((session) => session.id);
    } else {
      const session = await this.sessions.findOneBy({ id: search.encounterId });
      if (!session) throw notFound(`Encounter/${search.encounterId} is not known`);
      // Another patient's encounter: nothing of this patient's is in it.
      sessionIds = session.patientId === patient.id ? [session.id] : [];
    }
    if (search.cursor && !sessionIds.includes(search.cursor.sessionId.toLowerCase())) {
      throw badRequest('VALIDATION_FAILED', '_cursor belongs to another search');
    }
    const rows = await this.samples.findPage({
      sessionIds,
      columns: [...new Set(search.kinds.flatMap(columnsOf))],
      from: search.from,
      before: search.before,
      after: search.cursor,
      limit: search.count + 2,
    });
    const observations: FhirObservation[] = [];
    let last: ObservationCursor | null = null;
    let more = false;
    for (const row of rows) {
      const cursorHere =
        search.cursor !== null &&
        row.at === search.cursor.at &&
        row.sessionId.toLowerCase() === search.cursor.sessionId.toLowerCase() &&
        row.source === search.cursor.source &&
        row.dedupeKey === search.cursor.dedupeKey;
      for (const kind of search.kinds) {
        const kindIndex = OBSERVATION_KINDS.indexOf(kind);
        if (cursorHere && kindIndex <= search.cursor!.kindIndex) continue;
        const [observation] = observationsOf(row, patient.id, [kind]);
        if (!observation) continue;
        if (observations.length === search.count) {
          more = true;
          break;
        }
        observations.push(observation);
        last = {
          at: row.at,
          sessionId: row.sessionId,
          source: row.source,
          dedupeKey: row.dedupeKey,
          kindIndex,
        };
      }
      if (more) break;
    }
    await this.audit.record(actor, {
      action: 'vitals.read',
      entity: 'patient',
      entityId: patient.id,
      sessionId: search.encounterId !== null && sessionIds.length > 0 ? search.encounterId : null,
      detail: { via: 'fhir', search: search.applied, observations: observations.length },
    });
    return { observations, next: more && last ? encodeCursor(last) : null };
  }

  /** A patient by id; an id Vigil could not have given is unknown, never sent to the database. */
  private async findPatient(id: string): Promise<PatientEntity> {
    const patient = isUuid(id) ? await this.patients.findOneBy({ id }) : null;
    if (!patient) throw notFound(`Patient/${id} is not known`);
    return patient;
  }
}
