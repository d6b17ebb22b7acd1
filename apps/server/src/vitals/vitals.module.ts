import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SessionsModule } from '../sessions/sessions.module';
import { DevicesGateway } from './devices.gateway';
import { VitalsIngestService } from './vitals-ingest.service';
import { VitalsController } from './vitals.controller';

@Module({
  imports: [SessionsModule, RealtimeModule, MetricsModule, AuthModule],
  controllers: [VitalsController],
  providers: [VitalsIngestService, DevicesGateway],
  exports: [VitalsIngestService],
})
export class VitalsModule {}
