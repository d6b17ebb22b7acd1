import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Intervention, type Observation } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { InterventionDto, ObservationDto } from './dto/observation.dto';
import { ObservationsService } from './observations.service';

@ApiTags('observations')
@ApiBearerAuth()
@Controller('sessions/:id')
@Access({ roles: CLINICAL_ROLES })
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  @Post('observations')
  @HttpCode(201)
  observe(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ObservationDto,
  ): Promise<Observation> {
    return this.observations.observe(actorOf(principal), id, body);
  }

  @Post('interventions')
  @HttpCode(201)
  intervene(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InterventionDto,
  ): Promise<Intervention> {
    return this.observations.intervene(actorOf(principal), id, body);
  }
}
