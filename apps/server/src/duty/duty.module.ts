import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { DutyController } from './duty.controller';
import { DutyService } from './duty.service';

@Module({
  imports: [RealtimeModule],
  controllers: [DutyController],
  providers: [DutyService],
})
export class DutyModule {}
