import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES } from '@vigil/shared';
import { AuditService } from '../audit/audit.service';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { BedsideSimulator } from './bedside-simulator.service';
import { notFound } from '../common/vigil.exception';

/** Controls of the demo ward (VIGIL_DEMO only): make the simulated patients do something. */
@ApiTags('demo')
@ApiBearerAuth()
@Controller('demo/bays/:bay')
@Access({ roles: CLINICAL_ROLES })
export class DemoController {
  constructor(
    private readonly simulator: BedsideSimulator,
    private readonly audit: AuditService,
  ) {}

  @Post('desaturation')
  @HttpCode(202)
  async desaturate(
    @CurrentPrincipal() principal: Principal,
    @Param('bay') bay: string,
  ): Promise<{ bay: string }> {
    if (!this.simulator.desaturate(bay)) throw notFound(`bay ${bay} is not a demo chair`);
    await this.audit.record(actorOf(principal), {
      action: 'demo.desaturation',
      entity: 'bay',
      entityId: bay,
    });
    return { bay };
  }
}
