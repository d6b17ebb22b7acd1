import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type AdverseEvent } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { AdverseEventDto } from './dto/aftercare.dto';
import { FollowUpsService } from './follow-ups.service';

/** What follows one session home: adverse events after discharge, the instructions given. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('sessions/:id')
export class AftercareController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('adverse-events')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AdverseEventDto,
  ): Promise<AdverseEvent> {
    return this.followUps.recordAdverseEvent(actorOf(principal), id, body);
  }

  @Get('adverse-events')
  @Access({ roles: PATIENT_DATA_READERS })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AdverseEvent[]> {
    return this.followUps.adverseEvents(actorOf(principal), id);
  }

  @Post('discharge-instructions')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  instructionsGiven(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.followUps.instructionsGiven(actorOf(principal), id);
  }
}
