import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Outcome, type RecordedOutcome } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { OutcomeDto } from './dto/outcome.dto';
import { OutcomesService } from './outcomes.service';

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('sessions/:id/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OutcomeDto,
  ): Promise<RecordedOutcome> {
    return this.outcomes.record(actorOf(principal), id, body);
  }

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Outcome[]> {
    return this.outcomes.list(actorOf(principal), id);
  }
}
