import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { downsample, type TrendPoint, type VitalSample } from '@vigil/shared';
import { AuditService } from '../audit/audit.service';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { toIsoTimestamp } from '../database/columns';
import { TrendQuery, VitalsRangeQuery } from '../vitals/dto/vitals-batch.dto';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import { SessionRecords } from './session-records';

/** A session's readings, read back (an unknown session is 404); every read is audited. */
@ApiTags('vitals')
@ApiBearerAuth()
@Controller('sessions/:sessionId/vitals')
export class SessionVitalsController {
  constructor(
    private readonly samples: VitalSamplesRepository,
    private readonly sessions: SessionRecords,
    private readonly audit: AuditService,
  ) {}

  /** A long range, one point per bucket (at most about 500 unless a bucket is given). */
  @Get('trend')
  @Access({ roles: PATIENT_DATA_READERS })
  async trend(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query() query: TrendQuery,
  ): Promise<TrendPoint[]> {
    const session = await this.sessions.getEntity(sessionId);
    const from = query.from ? toIsoTimestamp(query.from) : session.createdAt;
    const to = query.to ? toIsoTimestamp(query.to) : toIsoTimestamp(Date.now());
    const bucketMs =
      (query.bucketS ?? Math.max(10, Math.ceil((Date.parse(to) - Date.parse(from)) / 500 / 1000))) *
      1000;
    const samples = await this.samples.findRange(sessionId, from, to);
    await this.audit.record(actorOf(principal), {
      action: 'vitals.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
      detail: { from, to, bucketMs, samples: samples.length },
    });
    return downsample(samples, bucketMs);
  }

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  async range(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query() query: VitalsRangeQuery,
  ): Promise<VitalSample[]> {
    await this.sessions.getEntity(sessionId);
    const samples = await this.samples.findRange(
      sessionId,
      query.from ? toIsoTimestamp(query.from) : undefined,
      query.to ? toIsoTimestamp(query.to) : undefined,
    );
    await this.audit.record(actorOf(principal), {
      action: 'vitals.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
      detail: { from: query.from ?? null, to: query.to ?? null, samples: samples.length },
    });
    return samples;
  }
}
