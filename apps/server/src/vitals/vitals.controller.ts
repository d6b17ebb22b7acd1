import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { VitalSample, VitalsAccepted } from '@vigil/shared';
import { toIsoTimestamp } from '../database/columns';
import { SessionsService } from '../sessions/sessions.service';
import { VitalsBatchDto, VitalsRangeQuery } from './dto/vitals-batch.dto';
import { VitalSamplesRepository } from './vital-samples.repository';
import { VitalsIngestService } from './vitals-ingest.service';

/** Until device keys and clinician tokens exist, REST readings are attributed to this source. */
const REST_SOURCE = 'rest';

@ApiTags('vitals')
@Controller('sessions/:sessionId/vitals')
export class VitalsController {
  constructor(
    private readonly ingest: VitalsIngestService,
    private readonly samples: VitalSamplesRepository,
    private readonly sessions: SessionsService,
  ) {}

  @Post()
  @HttpCode(202)
  accept(
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: VitalsBatchDto,
  ): Promise<VitalsAccepted> {
    return this.ingest.ingest(sessionId, REST_SOURCE, body);
  }

  @Get()
  async range(
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query() query: VitalsRangeQuery,
  ): Promise<VitalSample[]> {
    await this.sessions.getEntity(sessionId);
    return this.samples.findRange(
      sessionId,
      query.from ? toIsoTimestamp(query.from) : undefined,
      query.to ? toIsoTimestamp(query.to) : undefined,
    );
  }
}
