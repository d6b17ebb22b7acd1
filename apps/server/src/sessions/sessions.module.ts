import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { PatientsModule } from '../patients/patients.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { UsersModule } from '../users/users.module';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import { DischargeService } from './discharge.service';
import { SessionEntity } from './session.entity';
import { ScheduleController } from './schedule.controller';
import { SessionActionsController } from './session-actions.controller';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity]),
    PatientsModule,
    RealtimeModule,
    UsersModule,
    AlertsModule,
    ThresholdProfilesModule,
  ],
  controllers: [SessionsController, SessionActionsController, ScheduleController],
  providers: [SessionsService, DischargeService, VitalSamplesRepository],
  exports: [SessionsService, DischargeService, VitalSamplesRepository],
})
export class SessionsModule {}
