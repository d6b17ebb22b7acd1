import { Injectable } from '@nestjs/common';
import type { Session, TimelineEvent, VitalSample } from '@vigil/shared';
import { stringify } from 'csv-stringify/sync';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { SessionsService } from '../sessions/sessions.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import { renderSessionReport } from './session-report.pdf';
import { toTimeline } from './timeline';

/** Enough for the longest session (entries are per clinical event, not per reading). */
const SESSION_ENTRY_LIMIT = 5_000;

export interface SessionRecord {
  session: Session;
  timeline: TimelineEvent[];
  vitals: VitalSample[];
}

@Injectable()
export class SessionLogService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly vitals: VitalSamplesRepository,
  ) {}

  async timeline(
    actor: Actor,
    sessionId: string,
    format: 'json' | 'csv' | 'pdf',
  ): Promise<TimelineEvent[]> {
    await this.sessions.getEntity(sessionId);
    const timeline = toTimeline(await this.audit.list({ sessionId, limit: SESSION_ENTRY_LIMIT }));
    await this.audit.record(actor, {
      action: 'session.log.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
      detail: { format },
    });
    return timeline;
  }

  async csv(actor: Actor, sessionId: string): Promise<string> {
    const timeline = await this.timeline(actor, sessionId, 'csv');
    return stringify(
      timeline.map((event) => [
        event.at,
        event.kind,
        event.actor,
        event.summary,
        JSON.stringify(event.detail),
      ]),
      { header: true, columns: ['at', 'kind', 'actor', 'summary', 'detail'] },
    );
  }

  async pdf(actor: Actor, sessionId: string): Promise<Buffer> {
    const [session, timeline, vitals] = await Promise.all([
      this.sessions.toSession(await this.sessions.getEntity(sessionId)),
      this.timeline(actor, sessionId, 'pdf'),
      this.vitals.findRange(sessionId),
    ]);
    return renderSessionReport({ session, timeline, vitals }, new Date());
  }
}
