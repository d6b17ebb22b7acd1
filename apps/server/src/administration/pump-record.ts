import { isRunningKind, type PumpEvent, type PumpEventKind } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { PumpEventEntity } from './pump-event.entity';

export interface PumpEventRequest {
  sessionId: string;
  kind: PumpEventKind;
  at: string;
  /** The rate asked for; a start runs at the order's and a resume at the rate it paused without. */
  rateMlPerH?: number;
  /** The order's rate, for a start or resume that names none. */
  orderedRateMlPerH: number;
}

export function toPumpEvent(entity: PumpEventEntity): PumpEvent {
  return {
    id: entity.id,
    sessionId: entity.sessionId,
    kind: entity.kind,
    at: entity.at,
    rateMlPerH: entity.rateMlPerH,
    recordedBy: entity.recordedBy,
  };
}

/** The administration records of these sessions, each in the order it was written. */
export async function pumpEventsBySession(
  manager: EntityManager,
  sessionIds: readonly string[],
): Promise<Map<string, PumpEvent[]>> {
  const bySession = new Map<string, PumpEvent[]>();
  if (sessionIds.length === 0) return bySession;
  const rows = await manager.find(PumpEventEntity, {
    where: { sessionId: In([...sessionIds]) },
    order: { sessionId: 'ASC', sequence: 'ASC' },
  });
  for (const row of rows) {
    const events = bySession.get(row.sessionId) ?? [];
    events.push(toPumpEvent(row));
    bySession.set(row.sessionId, events);
  }
  return bySession;
}

/** The rate a new event leaves running: zero for a pause or stop. */
function rateAfter(request: PumpEventRequest, previous: readonly PumpEventEntity[]): number {
  if (!isRunningKind(request.kind)) return 0;
  if (request.rateMlPerH !== undefined) return request.rateMlPerH;
  if (request.kind === 'resume') {
    const lastRunning = previous.findLast((event) => isRunningKind(event.kind));
    if (lastRunning) return lastRunning.rateMlPerH;
  }
  return request.orderedRateMlPerH;
}

/**
 * Appends one event to a session's record inside the caller's transaction, with its audit entry.
 * An event cannot be dated before the last one: the delivered dose is read in record order.
 */
export async function recordPumpEventIn(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  request: PumpEventRequest,
): Promise<PumpEvent> {
  const previous = await manager.find(PumpEventEntity, {
    where: { sessionId: request.sessionId },
    order: { sequence: 'ASC' },
  });
  const last = previous.at(-1);
  if (last && Date.parse(request.at) < Date.parse(last.at)) {
    throw conflict(
      'PUMP_EVENT_OUT_OF_ORDER',
      `a pump ${request.kind} at ${request.at} would precede the last recorded event (${last.kind} at ${last.at})`,
      { lastAt: last.at },
    );
  }
  const entity: PumpEventEntity = {
    id: randomUUID(),
    sessionId: request.sessionId,
    sequence: (last?.sequence ?? 0) + 1,
    kind: request.kind,
    at: request.at,
    rateMlPerH: rateAfter(request, previous),
    recordedBy: actor.actor,
  };
  await manager.insert(PumpEventEntity, entity);
  await audit.append(manager, actor, {
    action: `pump.${request.kind}`,
    entity: 'pump-event',
    entityId: entity.id,
    sessionId: request.sessionId,
    detail: { at: entity.at, rateMlPerH: entity.rateMlPerH, sequence: entity.sequence },
  });
  return toPumpEvent(entity);
}

/** Whether the pump is still running or paused: an abort then stops it. */
export async function pumpLeftOn(manager: EntityManager, sessionId: string): Promise<boolean> {
  const last = await manager.findOne(PumpEventEntity, {
    where: { sessionId },
    order: { sequence: 'DESC' },
  });
  return last !== null && last.kind !== 'stop';
}
