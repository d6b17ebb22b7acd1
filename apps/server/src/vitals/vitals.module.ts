import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthModule } from '../auth/auth.module';
import { DevicesModule } from '../devices/devices.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DevicesGateway } from './devices.gateway';
import { LiveSessionRegister } from './live-session-register';
import { MonitorVitalsRoute } from './monitor-vitals.route';
import { VitalSamplesModule } from './vital-samples.module';
import { VitalsGroupCommit } from './vitals-group-commit';
import { VitalsIngestService } from './vitals-ingest.service';
import { VitalsController } from './vitals.controller';

@Module({
  imports: [
    VitalSamplesModule,
    RealtimeModule,
    MetricsModule,
    AuthModule,
    DevicesModule,
    AlertsModule,
  ],
  controllers: [VitalsController],
  providers: [
    VitalsIngestService,
    VitalsGroupCommit,
    LiveSessionRegister,
    DevicesGateway,
    MonitorVitalsRoute,
    // The monitors' route counts its callers in this instance (MonitorVitalsRoute).
    ThrottlerStorageService,
  ],
  exports: [VitalsIngestService, MonitorVitalsRoute],
})
export class VitalsModule {}
