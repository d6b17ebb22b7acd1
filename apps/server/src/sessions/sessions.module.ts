import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { PatientsModule } from '../patients/patients.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { UsersModule } from '../users/users.module';
import { VitalSamplesModule } from '../vitals/vital-samples.module';
import { DischargeService } from './discharge.service';
import { SessionEntity } from './session.entity';
import { ScheduleController } from './schedule.controller';
import { SessionActionsController } from './session-actions.controller';
import { SessionVitalsController } from './session-vitals.controller';
import { SessionsController } from './sessions.controller';
import { OrderSignatureNotices } from './order-signature-notices';
import { SessionOrders } from './session-orders';
import { SessionPlacement } from './session-placement';
import { SessionQueries } from './session-queries';
import { SessionRecords } from './session-records';
import { SessionWriter } from './session-writer';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity]),
    PatientsModule,
    RealtimeModule,
    UsersModule,
    AlertsModule,
    ThresholdProfilesModule,
    VitalSamplesModule,
  ],
  controllers: [
    SessionsController,
    SessionActionsController,
    SessionVitalsController,
    ScheduleController,
  ],
  providers: [
    SessionRecords,
    SessionWriter,
    SessionQueries,
    SessionPlacement,
    SessionOrders,
    OrderSignatureNotices,
    SessionsService,
    DischargeService,
  ],
  exports: [
    SessionRecords,
    SessionWriter,
    SessionOrders,
    SessionsService,
    DischargeService,
    VitalSamplesModule,
  ],
})
export class SessionsModule {}
