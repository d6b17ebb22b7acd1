import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  replayProfile,
  type PreviewableSession,
  type ProfilePreview,
  type ProfilePreviewRequest,
} from '@vigil/shared';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { SessionEntity } from '../sessions/session.entity';
import { SessionRecords } from '../sessions/session-records';
import { VitalSampleEntity } from '../vitals/vital-sample.entity';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';

/** Enough to find last week's sessions; older ones are not what a profile is tuned against. */
const PREVIEWABLE_LIMIT = 100;
const PURPOSE = 'threshold-profile.preview';

@Injectable()
export class ProfilePreviewService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessionRows: Repository<SessionEntity>,
    private readonly sessions: SessionRecords,
    private readonly vitals: VitalSamplesRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Replays the session's recorded readings, with its recorded baseline, through the shared rules
   * the live engine runs. The readings are patient data: reading them is audited like any other.
   */
  async replay(
    actor: Actor,
    { profile, sessionId }: ProfilePreviewRequest,
  ): Promise<ProfilePreview> {
    const session = await this.sessions.getEntity(sessionId);
    const samples = await this.vitals.findRange(sessionId);
    const episodes = replayProfile(profile, session.assessment?.baseline ?? null, samples);
    await this.audit.record(actor, {
      action: 'vitals.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
      detail: { purpose: PURPOSE, samples: samples.length, episodes: episodes.length },
    });
    return {
      sessionId,
      samples: samples.length,
      from: samples[0]?.at ?? null,
      to: samples.at(-1)?.at ?? null,
      episodes,
    };
  }

  /** The newest sessions with recorded readings, without a word about their patients. */
  async previewableSessions(actor: Actor): Promise<PreviewableSession[]> {
    const rows = await this.sessionRows
      .createQueryBuilder('session')
      .where((outer) => {
        const recorded = outer
          .subQuery()
          .select('1')
          .from(VitalSampleEntity, 'sample')
          .where('sample.sessionId = session.id')
          .getQuery();
        return `EXISTS ${recorded}`;
      })
      .orderBy('session.createdAt', 'DESC')
      .limit(PREVIEWABLE_LIMIT)
      .getMany();
    await this.audit.record(actor, {
      action: 'sessions.read',
      entity: 'session',
      detail: { purpose: PURPOSE, sessionIds: rows.map((row) => row.id) },
    });
    return rows.map((row) => ({
      id: row.id,
      bay: row.bay,
      state: row.state,
      thresholdProfileId: row.thresholdProfileId,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
    }));
  }
}
