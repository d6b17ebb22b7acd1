import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { compareBays, type Session } from '@vigil/shared';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { clinicDate } from '../common/clinic-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { toIsoTimestamp } from '../database/columns';
import type { ListSessionsQuery } from './dto/list-sessions.query';
import { applySessionSearch } from './session-search.filters';
import { SessionEntity } from './session.entity';
import { auditedFilters } from './session.mapper';
import { SessionRecords } from './session-records';

const DAY_MS = 24 * 60 * 60_000;

/** What clinicians and auditors read of sessions; each read of a patient's record is audited. */
@Injectable()
export class SessionQueries {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly records: SessionRecords,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: ListSessionsQuery): Promise<Session[]> {
    const builder = this.sessions.createQueryBuilder('session').orderBy('session.bay', 'ASC');
    if (query.state) builder.andWhere('session.state = :state', { state: query.state });
    if (query.bay) builder.andWhere('session.bay = :bay', { bay: query.bay });
    if (query.from)
      builder.andWhere('session.createdAt >= :from', { from: toIsoTimestamp(query.from) });
    if (query.to) builder.andWhere('session.createdAt <= :to', { to: toIsoTimestamp(query.to) });
    if (query.live) {
      builder.andWhere('session.state NOT IN (:...ended)', { ended: ['discharged', 'aborted'] });
    }
    applySessionSearch(builder, query);
    const sessions = await this.records.toSessions(await builder.getMany());
    await this.audit.record(actor, {
      action: 'sessions.read',
      entity: 'session',
      detail: { query: auditedFilters(query), sessionIds: sessions.map((session) => session.id) },
    });
    return sessions;
  }

  /**
   * The sessions scheduled for a date of the clinic's calendar, by chair and time. A day in the
   * clinic's zone lies within a day either side of the same UTC date, so that is what is read.
   */
  async schedule(actor: Actor, date: string): Promise<Session[]> {
    const day = Date.parse(`${date}T00:00:00.000Z`);
    const candidates = await this.sessions
      .createQueryBuilder('session')
      .where('session.scheduledAt >= :from AND session.scheduledAt < :to', {
        from: toIsoTimestamp(day - DAY_MS),
        to: toIsoTimestamp(day + 2 * DAY_MS),
      })
      .getMany();
    const onDate = candidates
      .filter((session) => clinicDate(session.scheduledAt, this.config.timeZone) === date)
      .sort((a, b) => compareBays(a.bay, b.bay) || a.scheduledAt.localeCompare(b.scheduledAt));
    const sessions = await this.records.toSessions(onDate);
    await this.audit.record(actor, {
      action: 'schedule.read',
      entity: 'session',
      detail: { date, sessionIds: sessions.map((session) => session.id) },
    });
    return sessions;
  }

  async get(actor: Actor, id: string): Promise<Session> {
    const session = await this.records.toSession(await this.records.getEntity(id));
    await this.audit.record(actor, {
      action: 'session.read',
      entity: 'session',
      entityId: id,
      sessionId: id,
    });
    return session;
  }
}
