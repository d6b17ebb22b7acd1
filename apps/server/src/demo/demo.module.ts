import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { VitalsModule } from '../vitals/vitals.module';
import { BedsideSimulator } from './bedside-simulator.service';
import { DemoController } from './demo.controller';

@Module({
  imports: [PatientsModule, SessionsModule, VitalsModule],
  controllers: [DemoController],
  providers: [BedsideSimulator],
})
export class DemoModule {}
