import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ThresholdProfilesModule } from '../threshold-profiles/threshold-profiles.module';
import { SessionLimitsController } from './session-limits.controller';
import { SessionLimitsService } from './session-limits.service';

@Module({
  imports: [SessionsModule, ThresholdProfilesModule],
  controllers: [SessionLimitsController],
  providers: [SessionLimitsService],
})
export class SessionLimitsModule {}
