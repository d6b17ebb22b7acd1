import { Injectable } from '@nestjs/common';
import type { AcknowledgeInput, Alert } from '@vigil/shared';
import type { Actor } from '../auth/principal';
import { conflict, notFound } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { AlertQueries } from './alert-queries';
import { AlertWriter } from './alert-writer';
import { toAlert } from './alert.mapper';
import { PhysiologicalAlerts } from './physiological-alerts';

/**
 * `POST /alerts/:id/acknowledge`: of two acknowledgements, or one racing a resolution or an
 * upgrade, exactly one outcome is written; the loser is told 409 `ALERT_STATE_CONFLICT` with the
 * state it lost to. A resolved alert is never acknowledged afterwards, and an upgrade written
 * after an acknowledgement makes the alert active again.
 */
@Injectable()
export class AlertAcknowledgement {
  constructor(
    private readonly writer: AlertWriter,
    private readonly queries: AlertQueries,
    private readonly physiological: PhysiologicalAlerts,
  ) {}

  async acknowledge(actor: Actor, id: string, seen: AcknowledgeInput): Promise<Alert> {
    const now = Date.now();
    const outcome = await this.writer.command(actor, id, {
      type: 'acknowledge',
      by: actor.actor,
      at: toIsoTimestamp(now),
      note: seen.note ?? null,
      seenPriority: seen.priority,
      from: seen.from ?? null,
    });
    if ('missing' in outcome) throw notFound(`alert ${id} not found`);
    if ('refused' in outcome) {
      const { state, priority, revision } = outcome.current;
      throw conflict(
        'ALERT_STATE_CONFLICT',
        outcome.refused === 'worsened'
          ? `alert ${id} is ${priority} priority now; look at it again before acknowledging`
          : `alert ${id} is ${state} already; it cannot be acknowledged now`,
        { state, priority, revision },
      );
    }
    await this.physiological.acknowledged(outcome.changed, now);
    const current = await this.queries.get(id);
    return toAlert(current ?? outcome.changed);
  }
}
