import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { WardBay } from '@vigil/shared';
import { Access } from '../auth/access.decorator';
import { WARD_LAYOUT_READERS } from '../auth/role-groups';
import { BaysService } from './bays.service';

@ApiTags('bays')
@ApiBearerAuth()
@Controller('bays')
@Access({ roles: WARD_LAYOUT_READERS })
export class BaysController {
  constructor(private readonly bays: BaysService) {}

  @Get()
  list(): Promise<WardBay[]> {
    return this.bays.list();
  }
}
