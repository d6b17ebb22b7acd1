import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TimelineEvent } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { SessionLogService } from './session-log.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions/:id')
@Access({ roles: PATIENT_DATA_READERS })
export class SessionLogController {
  constructor(private readonly log: SessionLogService) {}

  @Get('log')
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TimelineEvent[]> {
    return this.log.timeline(actorOf(principal), id, 'json');
  }

  @Get('log.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.log.csv(actorOf(principal), id), {
      disposition: `attachment; filename="session-${id}-log.csv"`,
    });
  }

  @Get('report.pdf')
  @Header('Content-Type', 'application/pdf')
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.log.pdf(actorOf(principal), id);
    return new StreamableFile(pdf, {
      disposition: `attachment; filename="session-${id}-report.pdf"`,
    });
  }
}
