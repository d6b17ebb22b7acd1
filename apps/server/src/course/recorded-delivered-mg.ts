import {
  deliveredMg,
  estimatedDeliveredMg,
  orderedConcentration,
  roundMg,
  type DeliveredDoseSource,
  type PumpEvent,
} from '@vigil/shared';
import type { SessionEntity } from '../sessions/session.entity';

/**
 * What a course infusion delivered: the pump record's figure, as the session itself shows it;
 * only a session older than the record falls back to the planned-rate estimate.
 */
export function recordedDeliveredMg(
  session: SessionEntity,
  weightKg: number,
  pumpEvents: readonly PumpEvent[] | undefined,
  now: number,
): { deliveredMg: number; deliveredSource: DeliveredDoseSource } {
  if (pumpEvents && pumpEvents.length > 0) {
    return {
      deliveredMg: roundMg(deliveredMg(pumpEvents, orderedConcentration(session.order), now)),
      deliveredSource: 'pump-record',
    };
  }
  return {
    deliveredMg: estimatedDeliveredMg(session, weightKg, session, now),
    deliveredSource: 'planned-rate',
  };
}
