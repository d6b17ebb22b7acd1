import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Alert } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { AlertAcknowledgement } from './alert-acknowledgement';
import { AlertQueries } from './alert-queries';
import { AcknowledgeDto, AlertQueryDto } from './dto/alert.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly queries: AlertQueries,
    private readonly acknowledgement: AlertAcknowledgement,
  ) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  list(@Query() query: AlertQueryDto): Promise<Alert[]> {
    return this.queries.list(query);
  }

  @Post(':id/acknowledge')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(200)
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcknowledgeDto,
  ): Promise<Alert> {
    return this.acknowledgement.acknowledge(actorOf(principal), id, body);
  }
}
