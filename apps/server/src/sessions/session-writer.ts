import { Injectable } from '@nestjs/common';
import type { Session } from '@vigil/shared';
import type { EntityManager } from 'typeorm';
import { EndedSessionAlerts } from '../alerts/ended-session-alerts';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { conflict, type VigilException } from '../common/vigil.exception';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { SessionEntity } from './session.entity';
import { SessionRecords } from './session-records';

export type SessionChanges = Partial<Omit<SessionEntity, 'id' | 'revision'>>;

/** One change of a session: its columns, its audit entry, and what else it writes. */
export interface SessionWrite {
  changes: SessionChanges;
  audit: { action: string; detail: Record<string, unknown> };
  /** The session ends at this time: its open alerts are resolved in the same transaction. */
  whenEnded?: string;
  /** Further rows that belong to the change (a pump event, a discharge's follow-ups). */
  alsoWrite?: (manager: EntityManager) => Promise<void>;
  /** What was under way, for the refusal when another change wins (default: the audit action). */
  underWay?: string;
}

/**
 * The one writer of sessions: a conditional update on the revision the change was decided on,
 * its audit entry and, for a session that ends, the resolution of its open alerts, in one
 * transaction; then the news goes out. Of two changes decided on the same revision exactly one
 * writes; the other is refused with 409 and the state it lost to, on either database.
 */
@Injectable()
export class SessionWriter {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly endedSessionAlerts: EndedSessionAlerts,
    private readonly records: SessionRecords,
    private readonly realtime: ClinicianGateway,
  ) {}

  async write(actor: Actor, session: SessionEntity, write: SessionWrite): Promise<Session> {
    const revision = session.revision + 1;
    let announceEnd = () => {};
    try {
      await this.unitOfWork.run(async (manager) => {
        const result = await manager.update(
          SessionEntity,
          { id: session.id, revision: session.revision },
          { ...write.changes, revision },
        );
        if (!result.affected) {
          const underWay =
            write.underWay ?? `${write.audit.action.replace('session.', '')} was being recorded`;
          throw await lostRace(manager, session.id, underWay);
        }
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
    this.realtime.announceSessionChanged(session.id);
    announceEnd();
    return this.records.publish({ ...session, ...write.changes, revision });
  }
}

/** Another change won the race: name the state it left, so the caller can look again. */
async function lostRace(
  manager: EntityManager,
  id: string,
  underWay: string,
): Promise<VigilException> {
  const current = await manager.findOneBy(SessionEntity, { id });
  return conflict(
    'SESSION_STATE_CONFLICT',
    `the session changed while ${underWay}; it is now ${current?.state ?? 'gone'}`,
    { state: current?.state, revision: current?.revision },
  );
}
