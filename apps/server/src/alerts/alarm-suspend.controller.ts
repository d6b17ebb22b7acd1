import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type AlarmSuspend } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { WARD_LAYOUT_READERS } from '../auth/role-groups';
import { AlarmSuspends } from './alarm-suspends';
import { AlarmSuspendDto } from './dto/alarm-suspend.dto';

/** A chair's probe-change alarms suspended for at most two minutes (libs/shared alarm-suspend). */
@ApiTags('bays')
@ApiBearerAuth()
@Controller('bays')
export class AlarmSuspendController {
  constructor(private readonly suspends: AlarmSuspends) {}

  /** The suspends running now, for a screen that has just opened. */
  @Get('alarm-suspends')
  @Access({ roles: WARD_LAYOUT_READERS })
  async current(): Promise<AlarmSuspend[]> {
    return [...(await this.suspends.current()).values()];
  }

  @Post(':bay/alarm-suspend')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  start(
    @CurrentPrincipal() principal: Principal,
    @Param('bay') bay: string,
    @Body() body: AlarmSuspendDto,
  ): Promise<AlarmSuspend> {
    return this.suspends.start(actorOf(principal), bay, body);
  }

  /** Ends it early (the probe is back on); nothing to end is no error. */
  @Delete(':bay/alarm-suspend')
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(204)
  async end(@CurrentPrincipal() principal: Principal, @Param('bay') bay: string): Promise<void> {
    await this.suspends.end(actorOf(principal), bay, 'person');
  }
}
