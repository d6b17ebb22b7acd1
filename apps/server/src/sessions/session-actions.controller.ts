import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type DischargeReadiness, type Session } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { AssignmentDto } from '../duty/dto/duty.dto';
import { DischargeService } from './discharge.service';
import {
  AssessmentDto,
  DischargeDto,
  MoveBayDto,
  OrderDto,
  OverrideDto,
  ReasonDto,
  StopDto,
} from './dto/clinical.dto';
import { SessionOrders } from './session-orders';
import { SessionPlacement } from './session-placement';
import { SessionsService } from './sessions.service';

/** The infusion's life cycle, as nurses and physicians drive it from the chair. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions/:id')
@Access({ roles: CLINICAL_ROLES })
export class SessionActionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly placement: SessionPlacement,
    private readonly orders: SessionOrders,
    private readonly discharges: DischargeService,
  ) {}

  @Post('assessment')
  @HttpCode(200)
  assess(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssessmentDto,
  ): Promise<Session> {
    return this.sessions.assess(actorOf(principal), id, body);
  }

  /** Who is sent the session's alerts first, and at the first escalation. */
  @Put('assignment')
  assignment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssignmentDto,
  ): Promise<Session> {
    return this.placement.reassign(actorOf(principal), id, body);
  }

  /** A scheduled session moved to another chair (the Today screen). */
  @Put('bay')
  moveBay(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveBayDto,
  ): Promise<Session> {
    return this.placement.moveBay(actorOf(principal), id, body);
  }

  /** The dose is a physician's order: a physician signs it before the start. */
  @Post('order')
  @Access({ roles: ['physician'] })
  @HttpCode(200)
  order(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OrderDto,
  ): Promise<Session> {
    return this.orders.signOrder(actorOf(principal), id, body);
  }

  /** Only a physician may let a flagged session start. */
  @Post('override')
  @Access({ roles: ['physician'] })
  @HttpCode(200)
  override(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OverrideDto,
  ): Promise<Session> {
    return this.sessions.override(actorOf(principal), id, body);
  }

  @Post('start')
  @HttpCode(200)
  start(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Session> {
    return this.sessions.start(actorOf(principal), id);
  }

  @Post('pause')
  @HttpCode(200)
  pause(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<Session> {
    return this.sessions.move(actorOf(principal), id, 'pause', { reason: body.reason });
  }

  @Post('resume')
  @HttpCode(200)
  resume(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Session> {
    return this.sessions.move(actorOf(principal), id, 'resume');
  }

  @Post('stop')
  @HttpCode(200)
  stop(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StopDto,
  ): Promise<Session> {
    return this.sessions.stop(actorOf(principal), id, { reason: body.reason });
  }

  @Post('discharge')
  @HttpCode(200)
  discharge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DischargeDto,
  ): Promise<Session> {
    return this.discharges.discharge(actorOf(principal), id, body);
  }

  /** The discharge criteria as they stand, for the session screen's live checklist. */
  @Get('discharge-readiness')
  @Access({ roles: PATIENT_DATA_READERS })
  readiness(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DischargeReadiness> {
    return this.discharges.readiness(actorOf(principal), id);
  }

  @Post('abort')
  @HttpCode(200)
  abort(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<Session> {
    return this.sessions.move(actorOf(principal), id, 'abort', { reason: body.reason });
  }
}
