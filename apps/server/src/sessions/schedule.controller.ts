import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Session } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { ScheduleQueryDto } from './dto/schedule.query';
import { SessionQueries } from './session-queries';

/** The day's list: every session scheduled for a date, chair by chair, in time order. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('schedule')
export class ScheduleController {
  constructor(private readonly queries: SessionQueries) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ScheduleQueryDto,
  ): Promise<Session[]> {
    return this.queries.schedule(actorOf(principal), query.date);
  }
}
