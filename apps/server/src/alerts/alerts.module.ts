import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { AlarmSuspendController } from './alarm-suspend.controller';
import { AlarmSuspends } from './alarm-suspends';
import { AlertAcknowledgement } from './alert-acknowledgement';
import { AlertQueries } from './alert-queries';
import { AlertRouting } from './alert-routing';
import { AlertTimers } from './alert-timers.service';
import { AlertWriter } from './alert-writer';
import { AlertsController } from './alerts.controller';
import { ClinicalAlerts } from './clinical-alerts';
import { EndedSessionAlerts } from './ended-session-alerts';
import { PhysiologicalAlerts } from './physiological-alerts';
import { SignalArrivals } from './signal-arrivals';

@Module({
  imports: [MetricsModule, RealtimeModule, ThresholdProfilesModule],
  controllers: [AlertsController, AlarmSuspendController],
  providers: [
    AlertWriter,
    AlertRouting,
    AlertQueries,
    PhysiologicalAlerts,
    AlertAcknowledgement,
    ClinicalAlerts,
    EndedSessionAlerts,
    AlertTimers,
    AlarmSuspends,
    SignalArrivals,
  ],
  exports: [
    AlertQueries,
    PhysiologicalAlerts,
    ClinicalAlerts,
    EndedSessionAlerts,
    AlertTimers,
    SignalArrivals,
  ],
})
export class AlertsModule {}
