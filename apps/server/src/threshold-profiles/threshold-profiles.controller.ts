import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROLES, type ThresholdProfile } from '@vigil/shared';
import { z } from 'zod';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
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

  @Put(':id')
  @Access({ roles: ['admin'] })
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ThresholdProfileDto,
  ): Promise<ThresholdProfile> {
    if (!profileId.safeParse(id).success) {
      throw new BadRequestException(['id must be 1–64 characters: lower-case letters, digits, -']);
    }
    return this.profiles.put(actorOf(principal), id, body);
  }
}
