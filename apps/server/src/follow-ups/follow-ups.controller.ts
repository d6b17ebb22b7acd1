import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type FollowUp } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { FollowUpDoneDto, FollowUpQueryDto } from './dto/aftercare.dto';
import { FollowUpsService, type FollowUpTask } from './follow-ups.service';

/** The nurses' list of calls and appointments after discharge, and the outcome of each. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  due(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FollowUpQueryDto,
  ): Promise<FollowUpTask[]> {
    return this.followUps.due(actorOf(principal), query.due);
  }

  @Post(':id/done')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(200)
  done(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FollowUpDoneDto,
  ): Promise<FollowUp> {
    return this.followUps.done(actorOf(principal), id, body.outcome);
  }
}
