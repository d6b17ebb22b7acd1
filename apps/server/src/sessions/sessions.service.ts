import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  allowedSessionActions,
  contraindications,
  unmetDischargeCriteria,
  type AssessmentInput,
  type DischargeInput,
  infusionElapsedMs,
  nextSessionState,
  patientInitials,
  type LatestVitals,
  type Role,
  type Session,
  type SessionAction,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { In, Not, type Repository } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientsService } from '../patients/patients.service';
import type { PatientEntity } from '../patients/patient.entity';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { UsersService } from '../users/users.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { ListSessionsQuery } from './dto/list-sessions.query';
import { applySessionSearch } from './session-search.filters';
import { SessionEntity } from './session.entity';

interface TransitionOptions {
  /** When it happened, if not now. */
  at?: number;
  /** Recorded in the audit entry with the state change. */
  detail?: Record<string, unknown>;
  /** Clinical reasons to refuse the move; each is named in the 409. */
  gate?: (session: SessionEntity) => string[];
  /** Changes that travel with the state change, in the same write. */
  prepare?: (session: SessionEntity, now: string) => void;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly patients: PatientsService,
    private readonly vitals: VitalSamplesRepository,
    private readonly realtime: ClinicianGateway,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly alerts: AlertsService,
    private readonly profiles: ThresholdProfilesService,
  ) {}

  /** Schedules a session, now or (the demo ward's opening chairs) at the time it was scheduled. */
  async create(actor: Actor, input: CreateSessionDto, at = Date.now()): Promise<Session> {
    const patient = (await this.patients.getEntities([input.patientId])).get(input.patientId);
    if (!patient) throw new NotFoundException(`patientId ${input.patientId} not found`);
    const occupied = await this.sessions.findOneBy({
      bay: input.bay,
      state: Not(In(['discharged', 'aborted'])),
    });
    if (occupied) {
      throw new ConflictException(`bay ${input.bay} is occupied by session ${occupied.id}`);
    }
    await this.checkDurationOverride(actor, input);
    if (input.thresholdProfileId && !this.profiles.has(input.thresholdProfileId)) {
      throw new BadRequestException([
        `thresholdProfileId ${input.thresholdProfileId} does not exist`,
      ]);
    }
    await this.checkAssignee(input.assignedNurseId, 'nurse', 'assignedNurseId');
    await this.checkAssignee(input.supervisingPhysicianId, 'physician', 'supervisingPhysicianId');
    const createdAt = toIsoTimestamp(at);
    const session = this.sessions.create({
      id: randomUUID(),
      patientId: patient.id,
      bay: input.bay,
      indication: input.indication,
      doseMgPerKg: input.doseMgPerKg,
      totalDoseMg: Math.round(input.doseMgPerKg * patient.weightKg * 10) / 10,
      plannedDurationMin: input.plannedDurationMin,
      durationOverride: input.durationOverrideReason
        ? { reason: input.durationOverrideReason, by: actor.actor, at: createdAt }
        : null,
      thresholdProfileId: input.thresholdProfileId ?? 'default',
      assignedNurseId: input.assignedNurseId ?? null,
      supervisingPhysicianId: input.supervisingPhysicianId ?? null,
      state: 'scheduled',
      createdAt,
      startedAt: null,
      endedAt: null,
      pausedMs: 0,
      pausedAt: null,
      assessment: null,
      override: null,
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
          plannedDurationMin: session.plannedDurationMin,
          at: createdAt,
          ...(session.durationOverride && {
            durationOverrideReason: session.durationOverride.reason,
          }),
        },
      });
    });
    return this.publish(session);
  }

  /** Outside 40–60 minutes only on a physician's word, which is recorded with the session. */
  private async checkDurationOverride(actor: Actor, input: CreateSessionDto): Promise<void> {
    if (!input.durationOverrideReason || actor.role === 'physician') return;
    await this.audit.record(actor, {
      action: 'access.denied',
      entity: 'session',
      detail: {
        reason: 'duration-override-needs-physician',
        plannedDurationMin: input.plannedDurationMin,
      },
    });
    throw new ForbiddenException(
      'only a physician may set a planned duration outside 40–60 minutes',
    );
  }

  private async checkAssignee(
    userId: string | undefined,
    role: Role,
    field: string,
  ): Promise<void> {
    if (!userId) return;
    const user = await this.users.findById(userId);
    if (!user || user.disabled || user.role !== role) {
      throw new BadRequestException([`${field} must be an enabled ${role}`]);
    }
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
    applySessionSearch(builder, query);
    const sessions = await this.toSessions(await builder.getMany());
    await this.audit.record(actor, {
      action: 'sessions.read',
      entity: 'session',
      detail: { query: auditedFilters(query), sessionIds: sessions.map((session) => session.id) },
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

  /** Records (or repeats) the pre-infusion assessment; a repeat voids an earlier override. */
  async assess(
    actor: Actor,
    id: string,
    input: AssessmentInput,
    at = Date.now(),
  ): Promise<Session> {
    const { thresholdProfileId } = await this.getEntity(id);
    const limits = this.profiles.get(thresholdProfileId).contraindications;
    const flags = contraindications(input.baseline, input.checklist, limits);
    return this.transition(actor, id, 'assess', {
      at,
      detail: {
        baseline: input.baseline,
        checklist: input.checklist,
        flags: flags.map((flag) => flag.code),
      },
      prepare: (session, now) => {
        session.assessment = { ...input, flags, assessedAt: now, assessedBy: actor.actor };
        session.override = null;
      },
    });
  }

  /** A physician's decision to start despite the flags, with the reason, for this assessment. */
  async override(actor: Actor, id: string, reason: string): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state !== 'assessed') {
      throw new ConflictException(
        `an override applies to an assessed session; this one is ${session.state}`,
      );
    }
    if (!session.assessment?.flags.length) {
      throw new ConflictException('the assessment flags nothing to override');
    }
    session.override = { reason, by: actor.actor, at: toIsoTimestamp(Date.now()) };
    await this.unitOfWork.run(async (manager) => {
      await manager.update(SessionEntity, { id }, { override: session.override });
      await this.audit.append(manager, actor, {
        action: 'session.override',
        entity: 'session',
        entityId: id,
        sessionId: id,
        detail: { reason, flags: session.assessment?.flags.map((flag) => flag.code) ?? [] },
      });
    });
    return this.publish(session);
  }

  /** The infusion starts only from a clean assessment, or a flagged one a physician overrode. */
  start(actor: Actor, id: string, at = Date.now()): Promise<Session> {
    return this.transition(actor, id, 'start', {
      at,
      gate: (session) => {
        if (!session.assessment) return ['no pre-infusion assessment recorded'];
        if (session.assessment.flags.length === 0 || session.override) return [];
        return [
          ...session.assessment.flags.map((flag) => `contraindication: ${flag.message}`),
          'a physician must record an override (POST /sessions/:id/override) to start',
        ];
      },
    });
  }

  async discharge(actor: Actor, id: string, input: DischargeInput): Promise<Session> {
    const latest = (await this.vitals.latestBySession([id])).get(id) ?? {};
    const unresolvedHighAlerts = await this.alerts.countOpen(id, 'high');
    return this.transition(actor, id, 'discharge', {
      detail: { ...input },
      gate: (session) =>
        unmetDischargeCriteria(input, {
          baseline: session.assessment?.baseline ?? null,
          latest,
          unresolvedHighAlerts,
        }),
    });
  }

  /** Pause (with the reason), resume, stop (into recovery) or abort (with the reason). */
  move(
    actor: Actor,
    id: string,
    action: 'pause' | 'resume' | 'stop' | 'abort',
    options: { reason?: string; at?: number } = {},
  ): Promise<Session> {
    return this.transition(actor, id, action, {
      at: options.at,
      detail: options.reason ? { reason: options.reason } : {},
    });
  }

  /**
   * Moves a session through the shared state machine. A move the state forbids is a 409 naming
   * the state; a clinical gate that refuses is a 409 naming every reason.
   */
  private async transition(
    actor: Actor,
    id: string,
    action: SessionAction,
    options: TransitionOptions = {},
  ): Promise<Session> {
    const at = options.at ?? Date.now();
    const session = await this.getEntity(id);
    const next = nextSessionState(session.state, action);
    if (!next) {
      throw new ConflictException(`cannot ${action} a session that is ${session.state}`);
    }
    const refusals = options.gate?.(session) ?? [];
    if (refusals.length > 0) throw new ConflictException(refusals);
    const now = toIsoTimestamp(at);
    options.prepare?.(session, now);
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
        detail: { from: previous, to: next, at: now, ...options.detail },
      });
    });
    return this.publish(session);
  }

  /** The session as the contract shows it, without auditing a read (for internal use). */
  async toSession(entity: SessionEntity): Promise<Session> {
    const [session] = await this.toSessions([entity]);
    return session;
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

/**
 * The search as the audit trail keeps it. The patient text (a name or an MRN) is withheld: the
 * trail names patients only by id, and the session ids it records say whose records were read.
 */
function auditedFilters(query: ListSessionsQuery): Record<string, unknown> {
  const { patient, ...filters } = query;
  return patient === undefined ? { ...filters } : { ...filters, patient: '(withheld)' };
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
    durationOverride: entity.durationOverride,
    thresholdProfileId: entity.thresholdProfileId,
    assignedNurseId: entity.assignedNurseId,
    supervisingPhysicianId: entity.supervisingPhysicianId,
    state: entity.state,
    createdAt: entity.createdAt,
    startedAt: entity.startedAt,
    endedAt: entity.endedAt,
    pausedMs: entity.pausedMs,
    pausedAt: entity.pausedAt,
    elapsedMin: Math.round((infusionElapsedMs(entity, now) / 60_000) * 10) / 10,
    latestVitals,
    assessment: entity.assessment,
    override: entity.override,
    allowedActions: allowedSessionActions(entity.state),
  };
}
