import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { SessionLogController } from './session-log.controller';
import { SessionLogService } from './session-log.service';

@Module({
  imports: [SessionsModule, PatientsModule, ThresholdProfilesModule],
  controllers: [SessionLogController],
  providers: [SessionLogService],
})
export class SessionLogModule {}
