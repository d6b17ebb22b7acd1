import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntry, TimelineEvent } from '@vigil/shared';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ketamineBalanceOf } from '../administration/ketamine-record';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PatientsService } from '../patients/patients.service';
import type { SessionEntity } from '../sessions/session.entity';
import { SessionRecords } from '../sessions/session-records';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { UsersService } from '../users/users.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import { timelineCsv } from './session-log.csv';
import { renderSessionReport } from './session-report.pdf';
import { inTimeOrder, isTimelineEntry, timelineEvents, usernamesIn } from './timeline';

@Injectable()
export class SessionLogService {
  constructor(
    private readonly sessions: SessionRecords,
    private readonly patients: PatientsService,
    private readonly profiles: ThresholdProfilesService,
    private readonly audit: AuditService,
    private readonly vitals: VitalSamplesRepository,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async timeline(
    actor: Actor,
    sessionId: string,
    format: 'json' | 'csv' | 'pdf',
  ): Promise<TimelineEvent[]> {
    return (await this.read(actor, sessionId, format)).timeline;
  }

  /**
   * Rows written as they are serialised; the whole timeline is read first, so a database failure
   * is an error answer, never a file that ends early and looks complete.
   */
  async csv(actor: Actor, sessionId: string): Promise<Readable> {
    const timeline = await this.timeline(actor, sessionId, 'csv');
    return timelineCsv(timeline);
  }

  async pdf(actor: Actor, sessionId: string): Promise<Buffer> {
    const { entity, timeline } = await this.read(actor, sessionId, 'pdf');
    const [session, patients, vitals] = await Promise.all([
      this.sessions.toSession(entity),
      this.patients.getEntities([entity.patientId]),
      this.vitals.findRange(sessionId),
    ]);
    const patient = patients.get(entity.patientId);
    if (!patient) throw new Error(`session ${sessionId} names a patient that does not exist`);
    const ketamine = await ketamineBalanceOf(
      this.dataSource.manager,
      sessionId,
      session.deliveredMg,
    );
    return renderSessionReport(
      { session, patient, timeline, vitals, limits: this.profiles.limitsFor(entity), ketamine },
      { generatedAt: new Date(), timeZone: this.config.timeZone },
    );
  }

  /**
   * The session's whole timeline, from every one of its audit entries a page at a time (one per
   * vitals batch among them, so a long session has tens of thousands), then the read audited as
   * one of the patient's record.
   */
  private async read(
    actor: Actor,
    sessionId: string,
    format: 'json' | 'csv' | 'pdf',
  ): Promise<{ entity: SessionEntity; timeline: TimelineEvent[] }> {
    const entity = await this.sessions.getEntity(sessionId);
    const entries: AuditEntry[] = [];
    for await (const page of this.audit.pages({ sessionId })) {
      entries.push(...page.filter(isTimelineEntry));
    }
    const events = timelineEvents(entries, await this.users.displayNames(usernamesIn(entries)));
    await this.audit.record(actor, {
      action: 'session.log.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
      detail: { format, patientId: entity.patientId },
    });
    return { entity, timeline: inTimeOrder(events) };
  }
}
