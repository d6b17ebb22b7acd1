import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DevicesGateway } from './devices.gateway';
import { VitalSamplesModule } from './vital-samples.module';
import { VitalsGroupCommit } from './vitals-group-commit';
import { VitalsIngestService } from './vitals-ingest.service';
import { VitalsController } from './vitals.controller';

@Module({
  imports: [VitalSamplesModule, RealtimeModule, MetricsModule, AuthModule, AlertsModule],
  controllers: [VitalsController],
  providers: [VitalsIngestService, VitalsGroupCommit, DevicesGateway],
  exports: [VitalsIngestService],
})
export class VitalsModule {}
