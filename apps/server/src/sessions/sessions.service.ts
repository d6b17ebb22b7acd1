import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  infusionElapsedMs,
  nextSessionState,
  patientInitials,
  type LatestVitals,
  type Session,
  type SessionAction,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { In, Not, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientsService } from '../patients/patients.service';
import type { PatientEntity } from '../patients/patient.entity';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly patients: PatientsService,
    private readonly vitals: VitalSamplesRepository,
    private readonly realtime: ClinicianGateway,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreateSessionDto): Promise<Session> {
    const patient = (await this.patients.getEntities([input.patientId])).get(input.patientId);
    if (!patient) throw new NotFoundException(`patientId ${input.patientId} not found`);
    const occupied = await this.sessions.findOneBy({
      bay: input.bay,
      state: Not(In(['discharged', 'aborted'])),
    });
    if (occupied) {
      throw new ConflictException(`bay ${input.bay} is occupied by session ${occupied.id}`);
    }
    const session = this.sessions.create({
      id: randomUUID(),
      patientId: patient.id,
      bay: input.bay,
      indication: input.indication,
      doseMgPerKg: input.doseMgPerKg,
      totalDoseMg: Math.round(input.doseMgPerKg * patient.weightKg * 10) / 10,
      plannedDurationMin: input.plannedDurationMin,
      state: 'scheduled',
      createdAt: toIsoTimestamp(Date.now()),
      startedAt: null,
      endedAt: null,
      pausedMs: 0,
      pausedAt: null,
    });
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(SessionEntity, session);
      await this.audit.append(manager, actor, {
        action: 'session.created',
        entity: 'session',
        entityId: session.id,
        sessionId: session.id,
        detail: {
          bay: session.bay,
          indication: session.indication,
          doseMgPerKg: session.doseMgPerKg,
        },
      });
    });
    return this.publish(session);
  }

  async list(actor: Actor, query: ListSessionsQuery): Promise<Session[]> {
    const builder = this.sessions.createQueryBuilder('session').orderBy('session.bay', 'ASC');
    if (query.state) builder.andWhere('session.state = :state', { state: query.state });
    if (query.bay) builder.andWhere('session.bay = :bay', { bay: query.bay });
    if (query.from)
      builder.andWhere('session.createdAt >= :from', { from: toIsoTimestamp(query.from) });
    if (query.to) builder.andWhere('session.createdAt <= :to', { to: toIsoTimestamp(query.to) });
    if (query.live) {
      builder.andWhere('session.state NOT IN (:...ended)', { ended: ['discharged', 'aborted'] });
    }
    const sessions = await this.toSessions(await builder.getMany());
    await this.audit.record(actor, {
      action: 'sessions.read',
      entity: 'session',
      detail: { query: { ...query }, sessionIds: sessions.map((session) => session.id) },
    });
    return sessions;
  }

  async get(actor: Actor, id: string): Promise<Session> {
    const [session] = await this.toSessions([await this.getEntity(id)]);
    await this.audit.record(actor, {
      action: 'session.read',
      entity: 'session',
      entityId: id,
      sessionId: id,
    });
    return session;
  }

  /** Live sessions without their vitals: for loops that only need the session itself. */
  liveEntities(): Promise<SessionEntity[]> {
    return this.sessions.findBy({ state: Not(In(['discharged', 'aborted'])) });
  }

  async getEntity(id: string): Promise<SessionEntity> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw new NotFoundException(`session ${id} not found`);
    return session;
  }

  /** Moves a session through the shared state machine; a move the state forbids is a 409. */
  async transition(
    actor: Actor,
    id: string,
    action: SessionAction,
    at = Date.now(),
  ): Promise<Session> {
    const session = await this.getEntity(id);
    const next = nextSessionState(session.state, action);
    if (!next) {
      throw new ConflictException(`cannot ${action} a session that is ${session.state}`);
    }
    const now = toIsoTimestamp(at);
    if (action === 'start') session.startedAt = now;
    if (action === 'pause') session.pausedAt = now;
    if (action === 'resume' && session.pausedAt) {
      session.pausedMs += at - Date.parse(session.pausedAt);
      session.pausedAt = null;
    }
    if ((action === 'stop' || action === 'abort') && !session.endedAt && session.startedAt) {
      if (session.pausedAt) {
        session.pausedMs += at - Date.parse(session.pausedAt);
        session.pausedAt = null;
      }
      session.endedAt = now;
    }
    const previous = session.state;
    session.state = next;
    await this.unitOfWork.run(async (manager) => {
      await manager.update(SessionEntity, { id: session.id }, session);
      await this.audit.append(manager, actor, {
        action: `session.${action}`,
        entity: 'session',
        entityId: id,
        sessionId: id,
        detail: { from: previous, to: next, at: now },
      });
    });
    return this.publish(session);
  }

  private async publish(entity: SessionEntity): Promise<Session> {
    const [session] = await this.toSessions([entity]);
    this.realtime.publishSessionUpdated(session);
    return session;
  }

  private async toSessions(entities: SessionEntity[]): Promise<Session[]> {
    const ids = entities.map((entity) => entity.id);
    const [patients, latest] = await Promise.all([
      this.patients.getEntities([...new Set(entities.map((entity) => entity.patientId))]),
      this.vitals.latestBySession(ids),
    ]);
    const now = Date.now();
    return entities.map((entity) =>
      toSession(entity, patients.get(entity.patientId), latest.get(entity.id) ?? {}, now),
    );
  }
}

function toSession(
  entity: SessionEntity,
  patient: PatientEntity | undefined,
  latestVitals: LatestVitals,
  now: number,
): Session {
  return {
    id: entity.id,
    patientId: entity.patientId,
    patient: {
      id: entity.patientId,
      initials: patient ? patientInitials(patient.displayName) : '?',
    },
    bay: entity.bay,
    indication: entity.indication,
    doseMgPerKg: entity.doseMgPerKg,
    totalDoseMg: entity.totalDoseMg,
    plannedDurationMin: entity.plannedDurationMin,
    state: entity.state,
    createdAt: entity.createdAt,
    startedAt: entity.startedAt,
    endedAt: entity.endedAt,
    pausedMs: entity.pausedMs,
    pausedAt: entity.pausedAt,
    elapsedMin: Math.round((infusionElapsedMs(entity, now) / 60_000) * 10) / 10,
    latestVitals,
  };
}
