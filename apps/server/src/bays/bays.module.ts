import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { SessionsModule } from '../sessions/sessions.module';
import { BaysController } from './bays.controller';
import { BaysService } from './bays.service';

@Module({
  imports: [SessionsModule, DevicesModule],
  controllers: [BaysController],
  providers: [BaysService],
  exports: [BaysService],
})
export class BaysModule {}
