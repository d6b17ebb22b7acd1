import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  clinicWallTime,
  DISCHARGE_INSTRUCTIONS_VERSION,
  type AdverseEvent,
  type AdverseEventInput,
  type FollowUp,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { conflict, notFound } from '../common/vigil.exception';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { AdverseEventEntity } from './adverse-event.entity';
import { DischargeInstructionsEntity } from './discharge-instructions.entity';
import { FollowUpEntity } from './follow-up.entity';

const DAY_MS = 24 * 60 * 60_000;

/** A task on the nurses' list, with whom to call. */
export interface FollowUpTask extends FollowUp {
  /** Due before the day asked for and not done yet. */
  overdue: boolean;
  patient?: { id: string; displayName: string; mrn: string };
}

/** Aftercare: the tasks that follow a patient home, adverse events after discharge. */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The tasks due on a clinic date, done or not, and every earlier task still open: a call
   * missed yesterday stays on today's list until someone records it.
   */
  async due(actor: Actor, date: string): Promise<FollowUpTask[]> {
    const dayStart = clinicWallTime(date, 0, this.config.timeZone);
    const dayEnd = clinicWallTime(
      new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10),
      0,
      this.config.timeZone,
    );
    const rows = await this.dataSource
      .getRepository(FollowUpEntity)
      .createQueryBuilder('task')
      .where('task.dueAt < :dayEnd', { dayEnd: toIsoTimestamp(dayEnd) })
      .andWhere(
        new Brackets((either) =>
          either
            .where('task.dueAt >= :dayStart', { dayStart: toIsoTimestamp(dayStart) })
            .orWhere('task.doneAt IS NULL'),
        ),
      )
      .orderBy('task.dueAt', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .getMany();
    const patients = await this.patientsOf(rows.map((row) => row.sessionId));
    await this.audit.record(actor, {
      action: 'follow-ups.read',
      entity: 'follow-up',
      detail: { due: date, followUpIds: rows.map((row) => row.id) },
    });
    return rows.map((row) => ({
      ...toFollowUp(row),
      overdue: row.doneAt === null && Date.parse(row.dueAt) < dayStart,
      ...(patients.has(row.sessionId) && { patient: patients.get(row.sessionId) }),
    }));
  }

  /** Done once: a second record of the same call is refused, so no outcome is overwritten. */
  async done(actor: Actor, id: string, outcome: string): Promise<FollowUp> {
    const doneAt = toIsoTimestamp(Date.now());
    const task = await this.unitOfWork.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(FollowUpEntity)
        .set({ doneAt, doneBy: actor.actor, outcome })
        .where('id = :id AND done_at IS NULL', { id })
        .execute();
      const row = await manager.findOneBy(FollowUpEntity, { id });
      if (!row) throw notFound(`follow-up ${id} not found`);
      if (!result.affected) {
        throw conflict('FOLLOW_UP_DONE', `this follow-up was recorded as done at ${row.doneAt}`, {
          doneAt: row.doneAt,
          doneBy: row.doneBy,
        });
      }
      await this.audit.append(manager, actor, {
        action: 'follow-up.done',
        entity: 'follow-up',
        entityId: id,
        sessionId: row.sessionId,
        detail: { kind: row.kind, outcome },
      });
      return row;
    });
    return toFollowUp(task);
  }

  async recordAdverseEvent(
    actor: Actor,
    sessionId: string,
    input: AdverseEventInput,
  ): Promise<AdverseEvent> {
    await this.startedSession(sessionId);
    const entity: AdverseEventEntity = {
      id: randomUUID(),
      sessionId,
      at: toIsoTimestamp(input.at),
      description: input.description,
      severity: input.severity,
      recordedBy: actor.actor,
      recordedAt: toIsoTimestamp(Date.now()),
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(AdverseEventEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'adverse-event.recorded',
        entity: 'adverse-event',
        entityId: entity.id,
        sessionId,
        detail: { at: entity.at, severity: entity.severity, description: entity.description },
      });
    });
    return { ...entity };
  }

  async adverseEvents(actor: Actor, sessionId: string): Promise<AdverseEvent[]> {
    await this.session(sessionId);
    const rows = await this.dataSource
      .getRepository(AdverseEventEntity)
      .find({ where: { sessionId }, order: { at: 'ASC', id: 'ASC' } });
    await this.audit.record(actor, {
      action: 'adverse-events.read',
      entity: 'adverse-event',
      sessionId,
    });
    return rows.map((row) => ({ ...row }));
  }

  /** The printed instructions were handed over: which version, by whom, when. */
  async instructionsGiven(
    actor: Actor,
    sessionId: string,
  ): Promise<{ sessionId: string; version: number; givenAt: string; givenBy: string }> {
    await this.startedSession(sessionId);
    const entity: DischargeInstructionsEntity = {
      id: randomUUID(),
      sessionId,
      version: DISCHARGE_INSTRUCTIONS_VERSION,
      givenAt: toIsoTimestamp(Date.now()),
      givenBy: actor.actor,
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(DischargeInstructionsEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'discharge-instructions.given',
        entity: 'session',
        entityId: sessionId,
        sessionId,
        detail: { version: entity.version, at: entity.givenAt },
      });
    });
    return { sessionId, version: entity.version, givenAt: entity.givenAt, givenBy: entity.givenBy };
  }

  private async session(sessionId: string): Promise<SessionEntity> {
    const session = await this.dataSource.getRepository(SessionEntity).findOneBy({ id: sessionId });
    if (!session) throw notFound(`session ${sessionId} not found`);
    return session;
  }

  /** Aftercare follows an infusion that took place. */
  private async startedSession(sessionId: string): Promise<SessionEntity> {
    const session = await this.session(sessionId);
    if (!session.startedAt) {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `session ${sessionId} gave no infusion; there is no aftercare to record`,
        { state: session.state },
      );
    }
    return session;
  }

  private async patientsOf(
    sessionIds: string[],
  ): Promise<Map<string, { id: string; displayName: string; mrn: string }>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('session')
      .innerJoin(PatientEntity, 'patient', 'patient.id = session.patientId')
      .select(['session.id AS "sessionId"', 'patient.id AS "patientId"'])
      .addSelect(['patient.displayName AS "displayName"', 'patient.mrn AS "mrn"'])
      .where('session.id IN (:...ids)', { ids: [...new Set(sessionIds)] })
      .getRawMany<{ sessionId: string; patientId: string; displayName: string; mrn: string }>();
    return new Map(
      rows.map((row) => [
        row.sessionId,
        { id: row.patientId, displayName: row.displayName, mrn: row.mrn },
      ]),
    );
  }
}

function toFollowUp(row: FollowUpEntity): FollowUp {
  return {
    id: row.id,
    sessionId: row.sessionId,
    kind: row.kind,
    dueAt: row.dueAt,
    ...(row.doneAt !== null && { doneAt: row.doneAt }),
    ...(row.outcome !== null && { outcome: row.outcome }),
    ...(row.doneBy !== null && { doneBy: row.doneBy }),
  };
}
