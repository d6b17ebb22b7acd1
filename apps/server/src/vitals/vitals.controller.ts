import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type VitalsAccepted } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import type { Principal } from '../auth/principal';
import { VitalsBatchDto } from './dto/vitals-batch.dto';
import { VitalsIngestService } from './vitals-ingest.service';

/** Readings in. Reading them back is the session's business (SessionVitalsController). */
@ApiTags('vitals')
@ApiBearerAuth()
@ApiHeader({
  name: 'X-Device-Key',
  required: false,
  description: 'a bedside device key, instead of a token',
})
@Controller('sessions/:sessionId/vitals')
export class VitalsController {
  constructor(private readonly ingest: VitalsIngestService) {}

  @Post()
  @Access({ devices: true, roles: CLINICAL_ROLES })
  @HttpCode(202)
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: VitalsBatchDto,
  ): Promise<VitalsAccepted> {
    return this.ingest.ingest(principal, sessionId, body);
  }
}
