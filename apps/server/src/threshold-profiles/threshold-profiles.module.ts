import { Module } from '@nestjs/common';
import { ThresholdProfilesController } from './threshold-profiles.controller';
import { ThresholdProfilesService } from './threshold-profiles.service';

@Module({
  controllers: [ThresholdProfilesController],
  providers: [ThresholdProfilesService],
  exports: [ThresholdProfilesService],
})
export class ThresholdProfilesModule {}
