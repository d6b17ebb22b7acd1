import { Module } from '@nestjs/common';
import { AlarmHistory } from './alarm-history';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';

@Module({
  controllers: [AnalyticsController],
  providers: [AlarmHistory, AnalyticsService],
})
export class AnalyticsModule {}
