import { Module } from '@nestjs/common';
import { VitalSamplesRepository } from './vital-samples.repository';

/** The stored readings, for ingest and for every reader of a session's vitals. */
@Module({
  providers: [VitalSamplesRepository],
  exports: [VitalSamplesRepository],
})
export class VitalSamplesModule {}
