import { Injectable } from '@nestjs/common';
import { clinicalAlertMessage, type AlertCode } from '@vigil/shared';
import type { EntityManager } from 'typeorm';
import { ALERT_ENGINE_ACTOR, AlertWriter, newAlert, type AlertSubject } from './alert-writer';

/** Alerts raised by what a clinician records at the chair (a severe side effect). */
@Injectable()
export class ClinicalAlerts {
  constructor(private readonly writer: AlertWriter) {}

  /**
   * A clinical alert, inside the transaction that records the event, so the event and its alert
   * commit together or not at all: high priority, open until acknowledged. Take the session's
   * lock (lockLiveSession FOR UPDATE) first in that transaction. A second event while the alert
   * is still open is not swallowed: the open alert counts it (its `value` is the number of severe
   * events it stands for) and names it in its message, becomes active again if it had been
   * acknowledged, and every screen is told again. Run the returned function after the commit.
   */
  async raiseIn(
    manager: EntityManager,
    session: AlertSubject,
    code: AlertCode,
    event: string,
    at: number,
  ): Promise<() => void> {
    const open = await this.writer.lockOpen(manager, session.id, code);
    if (!open) {
      const alert = newAlert(session, {
        kind: 'clinical',
        code,
        priority: 'high',
        value: 1,
        threshold: null,
        message: clinicalAlertMessage(event, 1, code),
        at,
      });
      await this.writer.insertIn(manager, alert);
      return () => this.writer.publishRaised(alert);
    }
    const outcome = await this.writer.commandIn(manager, ALERT_ENGINE_ACTOR, open, {
      type: 'repeat',
      event,
    });
    return () => {
      if ('changed' in outcome) this.writer.publish(outcome.changed);
    };
  }
}
