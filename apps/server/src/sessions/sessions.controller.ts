import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Session } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { CreateSessionDto } from './dto/create-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionQueries } from './session-queries';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly queries: SessionQueries,
  ) {}

  @Post()
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateSessionDto,
  ): Promise<Session> {
    return this.sessions.create(actorOf(principal), body);
  }

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSessionsQuery,
  ): Promise<Session[]> {
    return this.queries.list(actorOf(principal), query);
  }

  @Get(':id')
  @Access({ roles: PATIENT_DATA_READERS })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Session> {
    return this.queries.get(actorOf(principal), id);
  }
}
