import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClinicianGateway } from './clinician.gateway';

@Module({
  imports: [AuthModule],
  providers: [ClinicianGateway],
  exports: [ClinicianGateway],
})
export class RealtimeModule {}
