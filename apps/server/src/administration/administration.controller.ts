import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type KetamineEntry, type PumpEvent, type Session } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { KetamineDrawDto, KetamineWasteDto, PumpEventDto } from './dto/administration.dto';
import { KetamineService, type KetamineRecord } from './ketamine.service';
import { PumpEventsService } from './pump-events.service';

/** The administration record: the pump's events and the controlled-substance record. */
@ApiTags('administration')
@ApiBearerAuth()
@Controller('sessions/:id')
export class AdministrationController {
  constructor(
    private readonly pumpEvents: PumpEventsService,
    private readonly ketamine: KetamineService,
  ) {}

  /** Answers the session as it stands after the event, with its record and delivered dose. */
  @Post('pump-events')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  recordPumpEvent(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PumpEventDto,
  ): Promise<Session> {
    return this.pumpEvents.record(actorOf(principal), id, body);
  }

  @Get('pump-events')
  @Access({ roles: PATIENT_DATA_READERS })
  listPumpEvents(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PumpEvent[]> {
    return this.pumpEvents.list(actorOf(principal), id);
  }

  @Post('ketamine/draw')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  draw(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: KetamineDrawDto,
  ): Promise<KetamineEntry> {
    return this.ketamine.draw(actorOf(principal), id, body);
  }

  @Post('ketamine/waste')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  waste(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: KetamineWasteDto,
    @Ip() ip: string,
  ): Promise<KetamineEntry> {
    return this.ketamine.waste(actorOf(principal), id, body, ip);
  }

  @Get('ketamine')
  @Access({ roles: PATIENT_DATA_READERS })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<KetamineRecord> {
    return this.ketamine.record(actorOf(principal), id);
  }
}
