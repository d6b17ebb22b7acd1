import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { AlertTimers } from './alert-timers.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({
  imports: [RealtimeModule, ThresholdProfilesModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertTimers],
  exports: [AlertsService, AlertTimers],
})
export class AlertsModule {}
