import { Module } from '@nestjs/common';
import { ClinicianGateway } from './clinician.gateway';

@Module({
  providers: [ClinicianGateway],
  exports: [ClinicianGateway],
})
export class RealtimeModule {}
