import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClinicianGateway } from './clinician.gateway';
import { InstanceFrames } from './instance-frames';

@Module({
  imports: [AuthModule],
  providers: [ClinicianGateway, InstanceFrames],
  exports: [ClinicianGateway],
})
export class RealtimeModule {}
