import { Module } from '@nestjs/common';
import { AftercareController } from './aftercare.controller';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';

@Module({
  controllers: [FollowUpsController, AftercareController],
  providers: [FollowUpsService],
})
export class FollowUpsModule {}
