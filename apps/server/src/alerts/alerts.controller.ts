import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Alert, type AlertDelivery } from '@vigil/shared';
import { AuditService } from '../audit/audit.service';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal, type UserPrincipal } from '../auth/principal';
import { notFound } from '../common/vigil.exception';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { AlertAcknowledgement } from './alert-acknowledgement';
import { AlertQueries } from './alert-queries';
import { AlertRouting } from './alert-routing';
import { AcknowledgeDto, AlertQueryDto } from './dto/alert.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly queries: AlertQueries,
    private readonly audit: AuditService,
    private readonly acknowledgement: AlertAcknowledgement,
    private readonly routing: AlertRouting,
  ) {}

  /** Whom the alert was sent to, when a screen of theirs received it, when they opened it. */
  @Get(':id/deliveries')
  @Access({ roles: PATIENT_DATA_READERS })
  async deliveries(@Param('id', ParseUUIDPipe) id: string): Promise<AlertDelivery[]> {
    await this.existing(id);
    return this.routing.deliveries(id);
  }

  /** The caller opened the alert on a screen. */
  @Post(':id/seen')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(200)
  async seen(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AlertDelivery> {
    return this.routing.markSeen(await this.existing(id), principal);
  }

  private async existing(id: string) {
    const alert = await this.queries.get(id);
    if (!alert) throw notFound(`no alert ${id}`);
    return alert;
  }

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertQueryDto,
  ): Promise<Alert[]> {
    const alerts = await this.queries.list(query);
    // Alerts carry a patient's readings: a read of them is a read of the patient's record.
    await this.audit.record(actorOf(principal), {
      action: 'alerts.read',
      entity: 'alert',
      ...(query.sessionId && { sessionId: query.sessionId }),
      detail: {
        query: { ...query },
        sessionIds: [...new Set(alerts.map((alert) => alert.sessionId))],
      },
    });
    return alerts;
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
