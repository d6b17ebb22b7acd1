import { Injectable } from '@nestjs/common';
import {
  isLiveSession,
  type Intervention,
  type InterventionInput,
  type Observation,
  type ObservationInput,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ClinicalAlerts } from '../alerts/clinical-alerts';
import { lockLiveSession } from '../alerts/live-session-lock';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { SessionEntity } from '../sessions/session.entity';
import { SessionRecords } from '../sessions/session-records';
import { InterventionEntity } from './intervention.entity';
import { ObservationEntity } from './observation.entity';

/** Side effects, scales and interventions recorded at the chair, each with its audit entry. */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly sessions: SessionRecords,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clinicalAlerts: ClinicalAlerts,
  ) {}

  async observe(actor: Actor, sessionId: string, input: ObservationInput): Promise<Observation> {
    const session = await this.liveSession(sessionId);
    const entity: ObservationEntity = {
      id: randomUUID(),
      sessionId: session.id,
      type: input.type,
      severity: input.severity,
      at: toIsoTimestamp(input.at ?? Date.now()),
      note: input.note ?? null,
      scores: input.scores ?? null,
      recordedBy: actor.actor,
    };
    // The event and its alert commit together: the nurse's 201 means both are stored.
    const publishAlert = await this.unitOfWork.run(async (manager) => {
      await this.lockLive(manager, session);
      await manager.insert(ObservationEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'observation.recorded',
        entity: 'observation',
        entityId: entity.id,
        sessionId,
        detail: {
          type: entity.type,
          severity: entity.severity,
          at: entity.at,
          note: entity.note,
          scores: entity.scores,
        },
      });
      if (entity.severity !== 'severe') return null;
      return this.clinicalAlerts.raiseIn(
        manager,
        session,
        'SIDE_EFFECT_SEVERE',
        `${entity.type}${entity.note ? ` — ${entity.note}` : ''}`,
        Date.now(),
      );
    });
    publishAlert?.();
    return {
      id: entity.id,
      sessionId,
      type: entity.type,
      severity: entity.severity,
      at: entity.at,
      ...(entity.note !== null && { note: entity.note }),
      ...(entity.scores && { scores: entity.scores }),
      recordedBy: entity.recordedBy,
    };
  }

  async intervene(
    actor: Actor,
    sessionId: string,
    input: InterventionInput,
  ): Promise<Intervention> {
    const session = await this.liveSession(sessionId);
    const entity: InterventionEntity = {
      id: randomUUID(),
      sessionId: session.id,
      kind: input.kind,
      detail: input.detail,
      at: toIsoTimestamp(input.at ?? Date.now()),
      recordedBy: actor.actor,
    };
    await this.unitOfWork.run(async (manager) => {
      await this.lockLive(manager, session);
      await manager.insert(InterventionEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'intervention.recorded',
        entity: 'intervention',
        entityId: entity.id,
        sessionId,
        detail: { kind: entity.kind, detail: entity.detail, at: entity.at },
      });
    });
    return { ...entity };
  }

  /** What happens to a discharged or aborted patient is no longer this session's record. */
  private async liveSession(sessionId: string): Promise<SessionEntity> {
    const session = await this.sessions.getEntity(sessionId);
    if (!isLiveSession(session.state)) throw this.ended(sessionId);
    return session;
  }

  /**
   * Checked again under the session's lock, first in the transaction: a session that ended since
   * the first check records nothing more (and raises no alert for an empty chair).
   */
  private async lockLive(manager: EntityManager, session: SessionEntity): Promise<void> {
    if (!(await lockLiveSession(manager, session.id, 'FOR UPDATE'))) throw this.ended(session.id);
  }

  private ended(sessionId: string) {
    return conflict(
      'SESSION_STATE_CONFLICT',
      `session ${sessionId} has ended; nothing more can be recorded`,
    );
  }
}
