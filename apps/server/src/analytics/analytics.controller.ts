import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AlarmLoad } from '@vigil/shared';
import { Access } from '../auth/access.decorator';
import { AnalyticsService } from './analytics.service';
import { AlarmLoadQueryDto } from './dto/alarm-load.dto';

/** Not audited as a patient read: the figures name chairs, codes and hours, never a patient. */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
@Access({ roles: ['physician', 'auditor'] })
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('alarms')
  alarms(@Query() query: AlarmLoadQueryDto): Promise<AlarmLoad> {
    return this.analytics.alarmLoad(query);
  }
}
