import { HttpStatus, Injectable } from '@nestjs/common';
import {
  contraindications,
  infusionElapsedMs,
  isLiveSession,
  isRecentEnoughToStart,
  newestReadingAt,
  decideSessionMove,
  START_READING_MAX_AGE_MS,
  uncoveredFlags,
  type AssessmentInput,
  type OverrideInput,
  type PumpEventKind,
  type Session,
  type SessionAction,
  type SessionActionRefusal,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { pumpLeftOn, recordPumpEventIn } from '../administration/pump-record';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import {
  conflict,
  badRequest,
  forbidden,
  notFound,
  VigilException,
} from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientsService } from '../patients/patients.service';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import type { CreateSessionDto } from './dto/create-session.dto';
import { SessionEntity } from './session.entity';
import { OrderSignatureNotices } from './order-signature-notices';
import { orderedRate, signedOrder, totalDose } from './session-orders';
import { SessionPlacement } from './session-placement';
import { SessionRecords } from './session-records';
import { type SessionChanges, SessionWriter } from './session-writer';

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
 * A session's clinical life: scheduling, assessment, override and the moves of the shared state
 * machine, each decided on the session as read and written through the one `SessionWriter`.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly records: SessionRecords,
    private readonly writer: SessionWriter,
    private readonly placement: SessionPlacement,
    private readonly patients: PatientsService,
    private readonly vitals: VitalSamplesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly profiles: ThresholdProfilesService,
    private readonly orderNotices: OrderSignatureNotices,
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
    await this.placement.checkAssignee(input.assignedNurseId, 'nurse', 'assignedNurseId');
    await this.placement.checkAssignee(
      input.supervisingPhysicianId,
      'physician',
      'supervisingPhysicianId',
    );
    const createdAt = toIsoTimestamp(at);
    const signed = actor.role === 'physician' || actor.role === 'system';
    const session = Object.assign(new SessionEntity(), {
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
    const created = await this.records.publish(session);
    // Not awaited: the nurse's answer does not wait for the physicians' screens.
    if (!signed) void this.orderNotices.awaitingSignature(created, actor);
    return created;
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
    const limits = this.profiles.limitsFor(await this.records.getEntity(id)).contraindications;
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
    const session = await this.records.getEntity(id);
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
    return this.writer.write(actor, session, {
      changes: { override: { reason: input.reason, by: actor.actor, at: now, flags: covered } },
      audit: { action: 'session.override', detail: { reason: input.reason, flags: covered } },
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
    const session = await this.records.getEntity(id);
    if (session.state !== 'infusing') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `the pump rate changes while the infusion runs; this session is ${session.state}`,
        { state: session.state },
      );
    }
    const now = toIsoTimestamp(at);
    return this.writer.write(actor, session, {
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
    const session = await this.records.getEntity(id);
    const decision = decideSessionMove(session, action, actor.role, at);
    if (decision.refused !== null) throw moveRefusal(decision.refused, action, session.state);
    const next = decision.state;
    options.gate?.(session, at);
    const now = toIsoTimestamp(at);
    const alsoWrite = this.withPumpEvent(actor, session, action, options);
    const changes: SessionChanges = {
      ...decision.clock,
      ...options.changes?.(session, now),
      state: next,
    };
    return this.writer.write(actor, session, {
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
}

/** 403 when the move needs a physician, else 409 naming the state that forbids it. */
function moveRefusal(
  refusal: SessionActionRefusal,
  action: SessionAction,
  state: string,
): VigilException {
  if (refusal === 'physician') {
    return forbidden(
      'PHYSICIAN_REQUIRED',
      `only a physician may ${action} a session that is ${state}`,
    );
  }
  return new VigilException(
    HttpStatus.CONFLICT,
    'SESSION_STATE_CONFLICT',
    `cannot ${action} a session that is ${state}`,
    { state },
  );
}
