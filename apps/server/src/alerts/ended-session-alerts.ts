import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/principal';
import { AlertWriter } from './alert-writer';
import { lockLiveSession } from './live-session-lock';
import { PhysiologicalAlerts } from './physiological-alerts';

/** An alert never outlives its session. */
@Injectable()
export class EndedSessionAlerts {
  constructor(
    private readonly writer: AlertWriter,
    private readonly physiological: PhysiologicalAlerts,
  ) {}

  /**
   * The session has ended (discharged, aborted): inside the caller's transaction, every open
   * alert of the session is resolved with reason `session-ended` and audited. Call it after the
   * session's own row is written (it locks that row, so a change of one of its alerts racing with
   * the end either commits first and is resolved here, or waits and then finds the alert
   * resolved). Run the returned function after the commit: it tells every screen and instance,
   * and drops the session's rule state so nothing of it sounds, reminds or escalates again.
   */
  async resolveIn(
    manager: EntityManager,
    actor: Actor,
    sessionId: string,
    at: string,
  ): Promise<() => void> {
    await lockLiveSession(manager, sessionId, 'FOR UPDATE');
    const resolved = await this.writer.resolveOpenIn(
      manager,
      actor,
      sessionId,
      at,
      'session-ended',
    );
    return () => {
      this.physiological.forgetSession(sessionId);
      for (const alert of resolved) this.writer.publish(alert);
    };
  }
}
