import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  compareBays,
  contraindications,
  infusionElapsedMs,
  infusionPlan,
  isLiveSession,
  isRecentEnoughToStart,
  newestReadingAt,
  nextSessionState,
  orderedConcentration,
  sessionActionRefusal,
  START_READING_MAX_AGE_MS,
  uncoveredFlags,
  type AssessmentInput,
  type AssignmentInput,
  type MoveBayInput,
  type Order,
  type OverrideInput,
  type PumpEventKind,
  type Role,
  type Session,
  type SessionAction,
  type SessionOrder,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { type EntityManager, type Repository } from 'typeorm';
import { pumpEventsBySession, pumpLeftOn, recordPumpEventIn } from '../administration/pump-record';
import { EndedSessionAlerts } from '../alerts/ended-session-alerts';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { clinicDate } from '../common/clinic-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  conflict,
  badRequest,
  forbidden,
  notFound,
  VigilException,
} from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientsService } from '../patients/patients.service';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { UsersService } from '../users/users.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { ListSessionsQuery } from './dto/list-sessions.query';
import { applySessionSearch } from './session-search.filters';
import { SessionEntity } from './session.entity';
import { auditedFilters, toSession } from './session.mapper';

const DAY_MS = 24 * 60 * 60_000;

type SessionChanges = Partial<Omit<SessionEntity, 'id' | 'revision'>>;

interface TransitionOptions {
  /** When it happened, if not now. */
  at?: number;
  /** Recorded in the audit entry with the state change. */
  detail?: Record<string, unknown>;
  /** A clinical refusal of the move (thrown), judged on the session as read. */
  gate?: (session: SessionEntity, at: number) => void;
  /** Changes that travel with the state change, in the same write. */
  changes?: (session: SessionEntity, now: string) => SessionChanges;
  /** Further rows that belong to the move (a discharge's follow-ups), in its transaction. */
  alsoWrite?: (manager: EntityManager, now: string) => Promise<void>;
  /** The pump rate a start or resume runs at, if not the order's (or the one before the pause). */
  rateMlPerH?: number;
}

/** The pump event each move of the infusion writes into the administration record. */
const PUMP_EVENT_OF: Partial<Record<SessionAction, PumpEventKind>> = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
};

/**
 * Every change of a session is one conditional write: `UPDATE … WHERE id = ? AND revision = ?`
 * with its audit entry in the same transaction. Of two requests that read the same revision,
 * exactly one writes; the other is refused with 409 and the state it lost to, on either database.
 */
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
    private readonly endedSessionAlerts: EndedSessionAlerts,
    private readonly profiles: ThresholdProfilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Schedules a session, now or (the demo ward's opening chairs) at the time it was scheduled.
   * Several may be scheduled for one bay; the bay is taken only from the assessment on.
   */
  async create(actor: Actor, input: CreateSessionDto, at = Date.now()): Promise<Session> {
    const patient = (await this.patients.getEntities([input.patientId])).get(input.patientId);
    if (!patient) throw notFound(`patient ${input.patientId} not found`);
    await this.checkDurationOverride(actor, input);
    if (input.thresholdProfileId && !this.profiles.has(input.thresholdProfileId)) {
      throw badRequest('VALIDATION_FAILED', [
        `thresholdProfileId ${input.thresholdProfileId} does not exist`,
      ]);
    }
    await this.checkAssignee(input.assignedNurseId, 'nurse', 'assignedNurseId');
    await this.checkAssignee(input.supervisingPhysicianId, 'physician', 'supervisingPhysicianId');
    const createdAt = toIsoTimestamp(at);
    const signed = actor.role === 'physician' || actor.role === 'system';
    const session = this.sessions.create({
      id: randomUUID(),
      patientId: patient.id,
      bay: input.bay,
      indication: input.indication,
      doseMgPerKg: input.doseMgPerKg,
      totalDoseMg: totalDose(input.doseMgPerKg, patient.weightKg),
      plannedDurationMin: input.plannedDurationMin,
      order: signed ? signedOrder(actor, input, createdAt) : null,
      durationOverride: input.durationOverrideReason
        ? { reason: input.durationOverrideReason, by: actor.actor, at: createdAt }
        : null,
      thresholdProfileId: input.thresholdProfileId ?? 'default',
      assignedNurseId: input.assignedNurseId ?? null,
      supervisingPhysicianId: input.supervisingPhysicianId ?? null,
      state: 'scheduled',
      revision: 0,
      createdAt,
      scheduledAt: input.scheduledAt ? toIsoTimestamp(input.scheduledAt) : createdAt,
      startedAt: null,
      endedAt: null,
      pausedMs: 0,
      pausedAt: null,
      assessment: null,
      override: null,
      limits: null,
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
          scheduledAt: session.scheduledAt,
          orderSigned: signed,
          ...(input.highDoseReason && { highDoseReason: input.highDoseReason }),
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
    throw forbidden(
      'PHYSICIAN_REQUIRED',
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
      throw badRequest('VALIDATION_FAILED', [`${field} must be an enabled ${role}`]);
    }
  }

  /**
   * Changes who is sent the session's alerts first (the nurse) and at the first escalation (the
   * physician), until the session ends; an alert already sent stays with whoever got it.
   */
  async reassign(actor: Actor, id: string, input: AssignmentInput): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state === 'discharged' || session.state === 'aborted') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `the session has ended (${session.state}); its assignment can no longer change`,
        { state: session.state },
      );
    }
    await this.checkAssignee(input.assignedNurseId ?? undefined, 'nurse', 'assignedNurseId');
    await this.checkAssignee(
      input.supervisingPhysicianId ?? undefined,
      'physician',
      'supervisingPhysicianId',
    );
    const changes = {
      ...(input.assignedNurseId !== undefined && { assignedNurseId: input.assignedNurseId }),
      ...(input.supervisingPhysicianId !== undefined && {
        supervisingPhysicianId: input.supervisingPhysicianId,
      }),
    };
    return this.write(actor, session, {
      changes,
      audit: {
        action: 'session.assignment',
        detail: {
          from: {
            assignedNurseId: session.assignedNurseId,
            supervisingPhysicianId: session.supervisingPhysicianId,
          },
          ...changes,
        },
      },
    });
  }

  /**
   * Moves a scheduled session to another chair. Only before the assessment: from then on the
   * session holds its bay, and the bay is what its monitor's readings are matched by.
   */
  async moveBay(actor: Actor, id: string, input: MoveBayInput): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state !== 'scheduled') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `only a scheduled session moves to another chair; this one is ${session.state}`,
        { state: session.state },
      );
    }
    return this.write(actor, session, {
      changes: { bay: input.bay },
      audit: { action: 'session.bay', detail: { from: session.bay, to: input.bay } },
    });
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

  /**
   * The sessions scheduled for a date of the clinic's calendar, by chair and time. A day in the
   * clinic's zone lies within a day either side of the same UTC date, so that is what is read.
   */
  async schedule(actor: Actor, date: string): Promise<Session[]> {
    const day = Date.parse(`${date}T00:00:00.000Z`);
    const candidates = await this.sessions
      .createQueryBuilder('session')
      .where('session.scheduledAt >= :from AND session.scheduledAt < :to', {
        from: toIsoTimestamp(day - DAY_MS),
        to: toIsoTimestamp(day + 2 * DAY_MS),
      })
      .getMany();
    const onDate = candidates
      .filter((session) => clinicDate(session.scheduledAt, this.config.timeZone) === date)
      .sort((a, b) => compareBays(a.bay, b.bay) || a.scheduledAt.localeCompare(b.scheduledAt));
    const sessions = await this.toSessions(onDate);
    await this.audit.record(actor, {
      action: 'schedule.read',
      entity: 'session',
      detail: { date, sessionIds: sessions.map((session) => session.id) },
    });
    return sessions;
  }

  async get(actor: Actor, id: string): Promise<Session> {
    const session = await this.toSession(await this.getEntity(id));
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
    return this.sessions
      .createQueryBuilder('session')
      .where('session.state NOT IN (:...ended)', { ended: ['discharged', 'aborted'] })
      .getMany();
  }

  async getEntity(id: string): Promise<SessionEntity> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw notFound(`session ${id} not found`);
    return session;
  }

  /**
   * Records (or repeats) the pre-infusion assessment; a repeat voids an earlier override. The
   * first assessment takes the bay: a bay holds one live session, which the database enforces.
   */
  async assess(
    actor: Actor,
    id: string,
    input: AssessmentInput,
    at = Date.now(),
  ): Promise<Session> {
    const limits = this.profiles.limitsFor(await this.getEntity(id)).contraindications;
    const flags = contraindications(input, at, limits);
    return this.transition(actor, id, 'assess', {
      at,
      detail: {
        baseline: input.baseline,
        checklist: input.checklist,
        screening: input.screening,
        flags: flags.map((flag) => flag.code),
      },
      changes: (_session, now) => ({
        assessment: { ...input, flags, assessedAt: now, assessedBy: actor.actor },
        override: null,
      }),
    });
  }

  /**
   * A physician's decision to start despite the flags it names (all of them when it names none),
   * for this assessment. No consent and a positive pregnancy test cannot be overridden.
   */
  async override(actor: Actor, id: string, input: OverrideInput): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state !== 'assessed') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `an override applies to an assessed session; this one is ${session.state}`,
        { state: session.state },
      );
    }
    const flags = session.assessment?.flags ?? [];
    const present = new Set(flags.map((flag) => flag.code));
    const unknown = (input.flags ?? []).filter((code) => !present.has(code));
    if (unknown.length > 0) {
      throw badRequest(
        'VALIDATION_FAILED',
        unknown.map((code) => `flags: ${code} is not flagged by the assessment`),
      );
    }
    const absolute = flags.filter(
      (flag) => flag.absolute && (input.flags === undefined || input.flags.includes(flag.code)),
    );
    if (input.flags !== undefined && absolute.length > 0) {
      throw conflict(
        'ABSOLUTE_CONTRAINDICATION',
        absolute.map((flag) => `${flag.message}: no override can allow the infusion`),
        { flags: absolute.map((flag) => flag.code) },
      );
    }
    const covered = input.flags ?? flags.filter((flag) => !flag.absolute).map((flag) => flag.code);
    if (covered.length === 0) {
      throw conflict(
        absolute.length > 0 ? 'ABSOLUTE_CONTRAINDICATION' : 'OVERRIDE_NOT_APPLICABLE',
        absolute.length > 0
          ? absolute.map((flag) => `${flag.message}: no override can allow the infusion`)
          : 'the assessment flags nothing to override',
        { flags: absolute.map((flag) => flag.code) },
      );
    }
    const now = toIsoTimestamp(Date.now());
    return this.write(actor, session, {
      changes: { override: { reason: input.reason, by: actor.actor, at: now, flags: covered } },
      audit: { action: 'session.override', detail: { reason: input.reason, flags: covered } },
    });
  }

  /**
   * A physician signs the order (the dose and the planned duration, which they may change) before
   * the infusion starts; a session a nurse scheduled cannot start without it.
   */
  async signOrder(actor: Actor, id: string, input: Order): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state !== 'scheduled' && session.state !== 'assessed') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `an order is signed before the infusion starts; this session is ${session.state}`,
        { state: session.state },
      );
    }
    const patient = (await this.patients.getEntities([session.patientId])).get(session.patientId);
    const now = toIsoTimestamp(Date.now());
    const order = signedOrder(actor, input, now);
    return this.write(actor, session, {
      changes: {
        order,
        doseMgPerKg: input.doseMgPerKg,
        totalDoseMg: totalDose(input.doseMgPerKg, patient?.weightKg ?? 0),
        plannedDurationMin: input.plannedDurationMin,
        durationOverride: input.durationOverrideReason
          ? { reason: input.durationOverrideReason, by: actor.actor, at: now }
          : null,
      },
      audit: {
        action: 'session.order',
        detail: {
          doseMgPerKg: input.doseMgPerKg,
          plannedDurationMin: input.plannedDurationMin,
          concentrationMgPerMl: input.concentrationMgPerMl,
          ...(input.highDoseReason && { highDoseReason: input.highDoseReason }),
          ...(input.durationOverrideReason && {
            durationOverrideReason: input.durationOverrideReason,
          }),
        },
      },
    });
  }

  /**
   * The infusion starts from a clean assessment, or a flagged one whose every flag a physician's
   * override covers; it takes the limits then in force with it.
   */
  async start(actor: Actor, id: string, at = Date.now(), rateMlPerH?: number): Promise<Session> {
    const readingAt = newestReadingAt((await this.vitals.latestBySession([id])).get(id) ?? {});
    return this.transition(actor, id, 'start', {
      at,
      rateMlPerH,
      gate: (session) => {
        if (!session.order) {
          throw conflict(
            'ORDER_REQUIRED',
            "the dose is a physician's order: a physician must sign it before the start",
          );
        }
        if (!session.assessment) {
          throw conflict('ASSESSMENT_REQUIRED', 'the pre-infusion assessment is not recorded yet');
        }
        const standing = uncoveredFlags(session.assessment.flags, session.override);
        if (standing.length > 0) {
          throw conflict(
            'CONTRAINDICATED',
            standing.map((flag) =>
              flag.absolute
                ? `${flag.message}: the infusion cannot start`
                : `${flag.message}: needs a physician's override`,
            ),
            { flags: standing.map((flag) => flag.code) },
          );
        }
        if (!isRecentEnoughToStart(readingAt, at)) {
          throw conflict(
            'NO_RECENT_READING',
            `the monitor has sent no reading in the last ${START_READING_MAX_AGE_MS / 60_000} minutes: attach it before the start`,
            { newestReadingAt: readingAt },
          );
        }
      },
      changes: (session) => ({ limits: this.profiles.limitsFor(session) }),
    });
  }

  /** Before the planned duration, stopping is a clinical decision whose reason is recorded. */
  stop(actor: Actor, id: string, options: { reason?: string; at?: number } = {}): Promise<Session> {
    return this.transition(actor, id, 'stop', {
      at: options.at,
      detail: options.reason ? { reason: options.reason } : {},
      gate: (session, at) => {
        const elapsedMin = infusionElapsedMs(session, at) / 60_000;
        if (!options.reason && elapsedMin < session.plannedDurationMin) {
          throw badRequest(
            'STOP_REASON_REQUIRED',
            `reason: stopping at ${Math.floor(elapsedMin)} of ${session.plannedDurationMin} planned minutes needs a reason`,
            { elapsedMin: Math.floor(elapsedMin), plannedDurationMin: session.plannedDurationMin },
          );
        }
      },
    });
  }

  /** Pause (with the reason), resume or abort (with the reason). */
  move(
    actor: Actor,
    id: string,
    action: 'pause' | 'resume' | 'abort',
    options: { reason?: string; at?: number; rateMlPerH?: number } = {},
  ): Promise<Session> {
    return this.transition(actor, id, action, {
      at: options.at,
      rateMlPerH: options.rateMlPerH,
      detail: options.reason ? { reason: options.reason } : {},
    });
  }

  /**
   * A pump rate change while the infusion runs. It bumps the session's revision like any change,
   * so it cannot slip in after a concurrent pause or stop and run the pump on paper.
   */
  async changePumpRate(
    actor: Actor,
    id: string,
    rateMlPerH: number,
    at = Date.now(),
  ): Promise<Session> {
    const session = await this.getEntity(id);
    if (session.state !== 'infusing') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `the pump rate changes while the infusion runs; this session is ${session.state}`,
        { state: session.state },
      );
    }
    const now = toIsoTimestamp(at);
    return this.write(actor, session, {
      changes: {},
      audit: { action: 'session.pump-rate', detail: { at: now, rateMlPerH } },
      alsoWrite: async (manager) => {
        await recordPumpEventIn(manager, this.audit, actor, {
          sessionId: id,
          kind: 'rate-change',
          at: now,
          rateMlPerH,
          orderedRateMlPerH: orderedRate(session),
        });
      },
    });
  }

  /**
   * Moves a session through the shared state machine: a move the state forbids is 409
   * `SESSION_STATE_CONFLICT` naming the state, one that needs a physician 403, and a clinical gate
   * refuses with its own code. A session that ends resolves its open alerts in the same write.
   */
  async transition(
    actor: Actor,
    id: string,
    action: SessionAction,
    options: TransitionOptions = {},
  ): Promise<Session> {
    const at = options.at ?? Date.now();
    const session = await this.getEntity(id);
    const next = this.allowedNext(actor, session, action);
    options.gate?.(session, at);
    const now = toIsoTimestamp(at);
    const alsoWrite = this.withPumpEvent(actor, session, action, options);
    const changes: SessionChanges = {
      ...clockChanges(session, action, at, now),
      ...options.changes?.(session, now),
      state: next,
    };
    return this.write(actor, session, {
      changes,
      audit: {
        action: `session.${action}`,
        detail: { from: session.state, to: next, at: now, ...options.detail },
      },
      whenEnded: isLiveSession(next) ? undefined : now,
      alsoWrite: alsoWrite && ((manager) => alsoWrite(manager, now)),
    });
  }

  /**
   * The move's own rows plus its pump event: a start, pause, resume or stop of the infusion is
   * written into the administration record in the same transaction, and an abort of a started
   * infusion stops the pump if it was not stopped already.
   */
  private withPumpEvent(
    actor: Actor,
    session: SessionEntity,
    action: SessionAction,
    options: TransitionOptions,
  ): TransitionOptions['alsoWrite'] {
    const abortsInfusion = action === 'abort' && session.startedAt !== null;
    const kind = PUMP_EVENT_OF[action] ?? (abortsInfusion ? 'stop' : undefined);
    if (!kind) return options.alsoWrite;
    return async (manager, now) => {
      await options.alsoWrite?.(manager, now);
      if (action === 'abort' && !(await pumpLeftOn(manager, session.id))) return;
      await recordPumpEventIn(manager, this.audit, actor, {
        sessionId: session.id,
        kind,
        at: now,
        rateMlPerH: options.rateMlPerH,
        orderedRateMlPerH: orderedRate(session),
      });
    };
  }

  private allowedNext(actor: Actor, session: SessionEntity, action: SessionAction) {
    const refusal = sessionActionRefusal(session.state, action, actor.role);
    if (refusal === 'physician') {
      throw forbidden(
        'PHYSICIAN_REQUIRED',
        `only a physician may ${action} a session that is ${session.state}`,
      );
    }
    const next = nextSessionState(session.state, action);
    if (refusal === 'state' || !next) throw stateConflict(action, session.state);
    return next;
  }

  /**
   * The one writer: a conditional update on the revision read, its audit entry and, for a session
   * that ends, the resolution of its open alerts, in one transaction; then the news goes out.
   */
  private async write(
    actor: Actor,
    session: SessionEntity,
    write: {
      changes: SessionChanges;
      audit: { action: string; detail: Record<string, unknown> };
      whenEnded?: string;
      alsoWrite?: (manager: EntityManager) => Promise<void>;
    },
  ): Promise<Session> {
    const revision = session.revision + 1;
    let announceEnd = () => {};
    try {
      await this.unitOfWork.run(async (manager) => {
        const result = await manager.update(
          SessionEntity,
          { id: session.id, revision: session.revision },
          { ...write.changes, revision },
        );
        if (!result.affected) throw await this.lostRace(manager, session.id, write.audit.action);
        await this.audit.append(manager, actor, {
          action: write.audit.action,
          entity: 'session',
          entityId: session.id,
          sessionId: session.id,
          detail: write.audit.detail,
        });
        await write.alsoWrite?.(manager);
        if (write.whenEnded) {
          announceEnd = await this.endedSessionAlerts.resolveIn(
            manager,
            actor,
            session.id,
            write.whenEnded,
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('BAY_OCCUPIED', `bay ${session.bay} already has a live session`, {
          bay: session.bay,
        });
      }
      throw error;
    }
    announceEnd();
    return this.publish({ ...session, ...write.changes, revision });
  }

  /** Another change won the race: name the state it left, so the caller can look again. */
  private async lostRace(
    manager: EntityManager,
    id: string,
    action: string,
  ): Promise<VigilException> {
    const current = await manager.findOneBy(SessionEntity, { id });
    return conflict(
      'SESSION_STATE_CONFLICT',
      `the session changed while ${action.replace('session.', '')} was being recorded; it is now ${current?.state ?? 'gone'}`,
      { state: current?.state, revision: current?.revision },
    );
  }

  /** The session as the contract shows it, without auditing a read (for internal use). */
  async toSession(entity: SessionEntity): Promise<Session> {
    const present = await this.presenter([entity]);
    return present(entity);
  }

  private async publish(entity: SessionEntity): Promise<Session> {
    const session = await this.toSession(entity);
    this.realtime.publishSessionUpdated(session);
    return session;
  }

  private async toSessions(entities: SessionEntity[]): Promise<Session[]> {
    const present = await this.presenter(entities);
    return entities.map(present);
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

function totalDose(doseMgPerKg: number, weightKg: number): number {
  return Math.round(doseMgPerKg * weightKg * 10) / 10;
}

/** The order's pump rate: the total dose at its concentration over the planned duration. */
function orderedRate(session: SessionEntity): number {
  return infusionPlan(
    session.totalDoseMg,
    session.plannedDurationMin,
    orderedConcentration(session.order),
  ).rateMlPerH;
}

function signedOrder(
  actor: Actor,
  input: Pick<
    Order,
    'doseMgPerKg' | 'plannedDurationMin' | 'concentrationMgPerMl' | 'highDoseReason'
  >,
  at: string,
): SessionOrder {
  return {
    doseMgPerKg: input.doseMgPerKg,
    plannedDurationMin: input.plannedDurationMin,
    concentrationMgPerMl: input.concentrationMgPerMl,
    ...(input.highDoseReason && { highDoseReason: input.highDoseReason }),
    signedBy: actor.actor,
    signedAt: at,
  };
}

function stateConflict(action: SessionAction, state: string): VigilException {
  return new VigilException(
    HttpStatus.CONFLICT,
    'SESSION_STATE_CONFLICT',
    `cannot ${action} a session that is ${state}`,
    { state },
  );
}

/** The infusion clock: when it started, its pauses, and when it ended. */
function clockChanges(
  session: SessionEntity,
  action: SessionAction,
  at: number,
  now: string,
): SessionChanges {
  switch (action) {
    case 'start':
      return { startedAt: now };
    case 'pause':
      return { pausedAt: now };
    case 'resume':
      return session.pausedAt
        ? { pausedMs: session.pausedMs + at - Date.parse(session.pausedAt), pausedAt: null }
        : {};
    case 'stop':
    case 'abort': {
      if (session.endedAt || !session.startedAt) return {};
      const openPause = session.pausedAt ? at - Date.parse(session.pausedAt) : 0;
      return { pausedMs: session.pausedMs + openPause, pausedAt: null, endedAt: now };
    }
    case 'assess':
    case 'discharge':
      return {};
  }
}
