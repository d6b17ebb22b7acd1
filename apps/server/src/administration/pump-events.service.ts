import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PumpEvent, Session } from '@vigil/shared';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { badRequest } from '../common/vigil.exception';
import type { PumpEventDto } from './dto/administration.dto';
import { pumpEventsBySession } from './pump-record';
import { SessionRecords } from '../sessions/session-records';
import { SessionsService } from '../sessions/sessions.service';

/** A pump event may be entered a little after it happened, never ahead of the clock. */
const FUTURE_SKEW_MS = 60_000;

/**
 * The pump as the nurse drives it. A start, pause, resume or stop is the session's own move, so
 * the record and the session's state never disagree; a rate change runs between them.
 */
@Injectable()
export class PumpEventsService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly records: SessionRecords,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  record(actor: Actor, id: string, input: PumpEventDto): Promise<Session> {
    const at = input.at === undefined ? Date.now() : Date.parse(input.at);
    if (at > Date.now() + FUTURE_SKEW_MS) {
      throw badRequest('VALIDATION_FAILED', ['at: a pump event cannot be dated in the future']);
    }
    switch (input.kind) {
      case 'start':
        return this.sessions.start(actor, id, at, input.rateMlPerH);
      case 'pause':
        return this.sessions.move(actor, id, 'pause', { at, reason: input.reason });
      case 'resume':
        return this.sessions.move(actor, id, 'resume', { at, rateMlPerH: input.rateMlPerH });
      case 'stop':
        return this.sessions.stop(actor, id, { at, reason: input.reason });
      case 'rate-change':
        return this.sessions.changePumpRate(actor, id, input.rateMlPerH ?? 0, at);
    }
  }

  async list(actor: Actor, id: string): Promise<PumpEvent[]> {
    await this.records.getEntity(id);
    const events = (await pumpEventsBySession(this.dataSource.manager, [id])).get(id) ?? [];
    await this.audit.record(actor, {
      action: 'pump-events.read',
      entity: 'session',
      entityId: id,
      sessionId: id,
    });
    return events;
  }
}
