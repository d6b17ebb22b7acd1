import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { VitalSamplesModule } from '../vitals/vital-samples.module';
import { FhirController } from './fhir.controller';
import { FhirService } from './fhir.service';

/** FHIR R4 out: patients, their sessions as Encounters, their readings as vital signs. */
@Module({
  imports: [TypeOrmModule.forFeature([PatientEntity, SessionEntity]), VitalSamplesModule],
  controllers: [FhirController],
  providers: [FhirService],
})
export class FhirModule {}
