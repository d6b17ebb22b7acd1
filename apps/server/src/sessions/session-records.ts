import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Session } from '@vigil/shared';
import type { Repository } from 'typeorm';
import { pumpEventsBySession } from '../administration/pump-record';
import { notFound } from '../common/vigil.exception';
import { PatientsService } from '../patients/patients.service';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import { SessionEntity } from './session.entity';
import { toSession } from './session.mapper';

/**
 * The stored sessions and how they are shown: read one or the live ones, present them in the
 * contract's shape (patient initials, latest vitals, pump record), and tell the screens of a change.
 */
@Injectable()
export class SessionRecords {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly patients: PatientsService,
    private readonly vitals: VitalSamplesRepository,
    private readonly realtime: ClinicianGateway,
  ) {}

  async getEntity(id: string): Promise<SessionEntity> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw notFound(`session ${id} not found`);
    return session;
  }

  /** Live sessions without their vitals: for loops that only need the session itself. */
  liveEntities(): Promise<SessionEntity[]> {
    return this.sessions
      .createQueryBuilder('session')
      .where('session.state NOT IN (:...ended)', { ended: ['discharged', 'aborted'] })
      .getMany();
  }

  /** The session as the contract shows it, without auditing a read (for internal use). */
  async toSession(entity: SessionEntity): Promise<Session> {
    const present = await this.presenter([entity]);
    return present(entity);
  }

  async toSessions(entities: SessionEntity[]): Promise<Session[]> {
    const present = await this.presenter(entities);
    return entities.map(present);
  }

  /** The session as it now stands, to every screen that watches it. */
  async publish(entity: SessionEntity): Promise<Session> {
    const session = await this.toSession(entity);
    this.realtime.publishSessionUpdated(session);
    return session;
  }

  /** Reads the patients and latest readings of these sessions at once, to show any of them. */
  private async presenter(entities: SessionEntity[]): Promise<(entity: SessionEntity) => Session> {
    const ids = entities.map((entity) => entity.id);
    const [patients, latest, pumpEvents] = await Promise.all([
      this.patients.getEntities([...new Set(entities.map((entity) => entity.patientId))]),
      this.vitals.latestBySession(ids),
      pumpEventsBySession(this.sessions.manager, ids),
    ]);
    const now = Date.now();
    return (entity) =>
      toSession(
        entity,
        patients.get(entity.patientId),
        latest.get(entity.id) ?? {},
        now,
        pumpEvents.get(entity.id) ?? [],
      );
  }
}
