import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isPositiveSuicideScreen,
  OUTCOME_RANGES,
  type Outcome,
  type OutcomeInput,
  type RecordedOutcome,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ClinicalAlerts } from '../alerts/clinical-alerts';
import { lockLiveSession } from '../alerts/live-session-lock';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import type { SessionEntity } from '../sessions/session.entity';
import { SessionRecords } from '../sessions/session-records';
import { OutcomeEntity } from './outcome.entity';

/**
 * Outcome scores before and after each infusion and at follow-up. A positive C-SSRS screen is
 * written with its alarm in one transaction: the nurse's 201 means both are stored.
 */
@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRecords,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clinicalAlerts: ClinicalAlerts,
  ) {}

  async record(actor: Actor, sessionId: string, input: OutcomeInput): Promise<RecordedOutcome> {
    const session = await this.sessions.getEntity(sessionId);
    const entity: OutcomeEntity = {
      id: randomUUID(),
      sessionId,
      instrument: input.instrument,
      phase: input.phase,
      score: input.score,
      at: toIsoTimestamp(input.at ?? Date.now()),
      recordedBy: actor.actor,
    };
    const positive = isPositiveSuicideScreen(entity.instrument, entity.score);
    const { announce, suicideRisk } = await this.unitOfWork.run(async (manager) => {
      // The session's lock first, before the audit chain's: the order every alert write keeps.
      const live = positive && (await lockLiveSession(manager, sessionId, 'FOR UPDATE'));
      await manager.insert(OutcomeEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'outcome.recorded',
        entity: 'outcome',
        entityId: entity.id,
        sessionId,
        detail: {
          instrument: entity.instrument,
          phase: entity.phase,
          score: entity.score,
          at: entity.at,
        },
      });
      if (!positive) return { announce: null, suicideRisk: undefined };
      if (live) {
        return {
          announce: await this.raiseSuicideRisk(manager, session, entity),
          suicideRisk: { alertRaised: true },
        };
      }
      const followUpId = await this.riskReviewIn(manager, actor, entity);
      return { announce: null, suicideRisk: { alertRaised: false, followUpId } };
    });
    announce?.();
    return { ...toOutcome(entity), ...(suicideRisk && { suicideRisk }) };
  }

  async list(actor: Actor, sessionId: string): Promise<Outcome[]> {
    await this.sessions.getEntity(sessionId);
    const rows = await this.dataSource
      .getRepository(OutcomeEntity)
      .find({ where: { sessionId }, order: { at: 'ASC', id: 'ASC' } });
    await this.audit.record(actor, { action: 'outcomes.read', entity: 'outcome', sessionId });
    return rows.map(toOutcome);
  }

  private raiseSuicideRisk(
    manager: EntityManager,
    session: SessionEntity,
    outcome: OutcomeEntity,
  ): Promise<() => void> {
    const { max } = OUTCOME_RANGES['C-SSRS-screen'];
    return this.clinicalAlerts.raiseIn(
      manager,
      session,
      'SUICIDE_RISK',
      `C-SSRS screen ${outcome.score} of ${max} (${outcome.phase})`,
      Date.now(),
    );
  }

  /**
   * After discharge no session alarm can sound (an alert never outlives its session): the
   * positive screen becomes a risk review due now, at the top of the nurses' follow-up list.
   */
  private async riskReviewIn(
    manager: EntityManager,
    actor: Actor,
    outcome: OutcomeEntity,
  ): Promise<string> {
    const now = toIsoTimestamp(Date.now());
    const task: FollowUpEntity = {
      id: randomUUID(),
      sessionId: outcome.sessionId,
      kind: 'suicide-risk-review',
      dueAt: now,
      doneAt: null,
      doneBy: null,
      outcome: null,
      createdAt: now,
    };
    await manager.insert(FollowUpEntity, task);
    await this.audit.append(manager, actor, {
      action: 'follow-up.created',
      entity: 'follow-up',
      entityId: task.id,
      sessionId: outcome.sessionId,
      detail: { kind: task.kind, dueAt: task.dueAt, outcomeId: outcome.id },
    });
    return task.id;
  }
}

export function toOutcome(row: OutcomeEntity): Outcome {
  return {
    id: row.id,
    sessionId: row.sessionId,
    instrument: row.instrument,
    phase: row.phase,
    score: row.score,
    at: row.at,
    recordedBy: row.recordedBy,
  };
}
