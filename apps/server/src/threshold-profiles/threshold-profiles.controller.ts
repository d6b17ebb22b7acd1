import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  ROLES,
  thresholdProfileSchema,
  type ThresholdProfile,
  type ThresholdProfileInput,
} from '@vigil/shared';
import { z } from 'zod';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { badRequest } from '../common/vigil.exception';
import { ClinicalLimitsPipe } from './clinical-limits.pipe';
import { ThresholdProfileDto } from './dto/threshold-profile.dto';
import { ThresholdProfilesService } from './threshold-profiles.service';

const profileId = z.string().regex(/^[a-z0-9-]{1,64}$/);

@ApiTags('threshold-profiles')
@ApiBearerAuth()
@Controller('threshold-profiles')
export class ThresholdProfilesController {
  constructor(private readonly profiles: ThresholdProfilesService) {}

  @Get()
  @Access({ roles: ROLES })
  list(): ThresholdProfile[] {
    return this.profiles.list();
  }

  /** Clinical limits are a physician's decision (contract: roles); an admin changes none. */
  @Put(':id')
  @Access({ roles: ['physician'] })
  @ApiBody({ type: ThresholdProfileDto })
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ClinicalLimitsPipe(thresholdProfileSchema)) body: ThresholdProfileInput,
  ): Promise<ThresholdProfile> {
    if (!profileId.safeParse(id).success) {
      throw badRequest('VALIDATION_FAILED', [
        'id must be 1–64 characters: lower-case letters, digits, -',
      ]);
    }
    return this.profiles.put(actorOf(principal), id, body);
  }
}
