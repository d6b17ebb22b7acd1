import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { UsersModule } from '../users/users.module';
import { SessionLogController } from './session-log.controller';
import { SessionLogService } from './session-log.service';

@Module({
  imports: [SessionsModule, PatientsModule, ThresholdProfilesModule, UsersModule],
  controllers: [SessionLogController],
  providers: [SessionLogService],
})
export class SessionLogModule {}
