import { Injectable } from '@nestjs/common';
import type { AssignmentInput, MoveBayInput, Role, Session } from '@vigil/shared';
import type { Actor } from '../auth/principal';
import { badRequest, conflict } from '../common/vigil.exception';
import { UsersService } from '../users/users.service';
import { SessionRecords } from './session-records';
import { SessionWriter } from './session-writer';

/** Where a session sits and who answers for it: its chair and its nurse and physician. */
@Injectable()
export class SessionPlacement {
  constructor(
    private readonly users: UsersService,
    private readonly records: SessionRecords,
    private readonly writer: SessionWriter,
  ) {}

  /** An assignee must be an enabled user of the role the assignment names. */
  async checkAssignee(userId: string | undefined, role: Role, field: string): Promise<void> {
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
    const session = await this.records.getEntity(id);
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
    return this.writer.write(actor, session, {
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
    const session = await this.records.getEntity(id);
    if (session.state !== 'scheduled') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `only a scheduled session moves to another chair; this one is ${session.state}`,
        { state: session.state },
      );
    }
    return this.writer.write(actor, session, {
      changes: { bay: input.bay },
      audit: { action: 'session.bay', detail: { from: session.bay, to: input.bay } },
    });
  }
}
