import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevicesModule } from '../devices/devices.module';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { VitalsModule } from '../vitals/vitals.module';
import { Hl7IngestService } from './hl7-ingest.service';
import { MllpListener } from './mllp-listener';

/** HL7 v2 in, from monitor gateways over MLLP (contract: Interoperability). */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity, PatientEntity]), DevicesModule, VitalsModule],
  providers: [Hl7IngestService, MllpListener],
  exports: [MllpListener],
})
export class Hl7Module {}
