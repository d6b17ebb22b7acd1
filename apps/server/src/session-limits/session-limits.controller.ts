import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  thresholdProfileSchema,
  type ThresholdProfile,
  type ThresholdProfileInput,
} from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { ClinicalLimitsPipe } from '../threshold-profiles/clinical-limits.pipe';
import { ThresholdProfileDto } from '../threshold-profiles/dto/threshold-profile.dto';
import { SessionLimitsService } from './session-limits.service';

/** The limits one session's alarms are judged by: its own, kept from its start. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions/:id/limits')
export class SessionLimitsController {
  constructor(private readonly limits: SessionLimitsService) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ThresholdProfile> {
    return this.limits.get(id);
  }

  /** A physician's decision for this session alone, within the same safety floors as a profile. */
  @Put()
  @Access({ roles: ['physician'] })
  @ApiBody({ type: ThresholdProfileDto })
  set(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ClinicalLimitsPipe(thresholdProfileSchema)) body: ThresholdProfileInput,
  ): Promise<ThresholdProfile> {
    return this.limits.set(actorOf(principal), id, body);
  }
}
