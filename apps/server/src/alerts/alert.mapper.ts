import type { Alert } from '@vigil/shared';
import type { AlertEntity } from './alert.entity';

export function toAlert(entity: AlertEntity): Alert {
  return {
    id: entity.id,
    sessionId: entity.sessionId,
    bay: entity.bay,
    kind: entity.kind,
    code: entity.code,
    priority: entity.priority,
    state: entity.state,
    message: entity.message,
    value: entity.value,
    threshold: entity.threshold,
    raisedAt: entity.raisedAt,
    acknowledgedAt: entity.acknowledgedAt,
    acknowledgedBy: entity.acknowledgedBy,
    acknowledgedFrom: entity.acknowledgedFrom,
    resolvedAt: entity.resolvedAt,
    resolvedReason: entity.resolvedReason,
    escalationLevel: entity.escalationLevel,
    remindedAt: entity.remindedAt,
    revision: entity.revision,
  };
}
