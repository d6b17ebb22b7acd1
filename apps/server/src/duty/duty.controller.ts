import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Duty } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { ChargeNurseDto } from './dto/duty.dto';
import { DutyService } from './duty.service';

/** Who is charge nurse this shift and who is on duty, for routing alarms to people. */
@ApiTags('duty')
@ApiBearerAuth()
@Controller('duty')
export class DutyController {
  constructor(private readonly duty: DutyService) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  current(): Promise<Duty> {
    return this.duty.duty();
  }

  /** A nurse takes the role, or hands it over; the current charge nurse's shift ends now. */
  @Put('charge-nurse')
  @Access({ roles: CLINICAL_ROLES })
  chargeNurse(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChargeNurseDto,
  ): Promise<Duty> {
    return this.duty.setChargeNurse(actorOf(principal), body);
  }
}
