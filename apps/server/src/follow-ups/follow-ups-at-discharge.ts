import { followUpsAfterDischarge } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { FollowUpEntity } from './follow-up.entity';

/**
 * The tasks that follow a patient home, written inside the discharge's own transaction: a
 * discharge that commits has its next-day call and therapy appointment, one that fails has none.
 */
export async function createFollowUpsIn(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  sessionId: string,
  dischargedAt: string,
  timeZone: string,
): Promise<void> {
  const tasks: FollowUpEntity[] = followUpsAfterDischarge(Date.parse(dischargedAt), timeZone).map(
    (task) => ({
      id: randomUUID(),
      sessionId,
      kind: task.kind,
      dueAt: task.dueAt,
      doneAt: null,
      doneBy: null,
      outcome: null,
      createdAt: dischargedAt,
    }),
  );
  await manager.insert(FollowUpEntity, tasks);
  await audit.appendAll(
    manager,
    tasks.map((task) => ({
      actor,
      event: {
        action: 'follow-up.created',
        entity: 'follow-up',
        entityId: task.id,
        sessionId,
        detail: { kind: task.kind, dueAt: task.dueAt },
      },
    })),
  );
}
