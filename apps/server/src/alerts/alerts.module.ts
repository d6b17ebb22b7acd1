import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { AlertTimers } from './alert-timers.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({
  imports: [RealtimeModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertTimers],
  exports: [AlertsService, AlertTimers],
})
export class AlertsModule {}
