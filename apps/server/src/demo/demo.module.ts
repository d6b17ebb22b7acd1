import { Module, type OnModuleInit } from '@nestjs/common';
import { AdministrationModule } from '../administration/administration.module';
import { BaysModule } from '../bays/bays.module';
import { BaysService } from '../bays/bays.service';
import { DevicesModule } from '../devices/devices.module';
import { Hl7Module } from '../hl7/hl7.module';
import { PatientsModule } from '../patients/patients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { VitalsModule } from '../vitals/vitals.module';
import { BedsideSimulator } from './bedside-simulator.service';
import { DemoController } from './demo.controller';
import { DemoHl7Gateway } from './demo-hl7-gateway';
import { DEMO_WARD } from './demo-ward';

@Module({
  imports: [
    PatientsModule,
    SessionsModule,
    AdministrationModule,
    VitalsModule,
    BaysModule,
    DevicesModule,
    Hl7Module,
  ],
  controllers: [DemoController],
  providers: [BedsideSimulator, DemoHl7Gateway],
})
export class DemoModule implements OnModuleInit {
  constructor(private readonly bays: BaysService) {}

  /** The ward shows every demo chair, empty ones included. */
  onModuleInit(): void {
    this.bays.furnish(DEMO_WARD.map((chair) => chair.bay));
  }
}
