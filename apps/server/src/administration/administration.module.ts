import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AdministrationController } from './administration.controller';
import { KetamineService } from './ketamine.service';
import { PumpEventsService } from './pump-events.service';

@Module({
  imports: [SessionsModule, AuthModule],
  controllers: [AdministrationController],
  providers: [PumpEventsService, KetamineService],
  exports: [KetamineService],
})
export class AdministrationModule {}
