import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { VitalsModule } from '../vitals/vitals.module';
import { BedsideSimulator } from './bedside-simulator.service';

@Module({
  imports: [PatientsModule, SessionsModule, VitalsModule],
  providers: [BedsideSimulator],
})
export class DemoModule {}
