import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { SessionLogController } from './session-log.controller';
import { SessionLogService } from './session-log.service';

@Module({
  imports: [SessionsModule],
  controllers: [SessionLogController],
  providers: [SessionLogService],
})
export class SessionLogModule {}
