import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clinician } from '@vigil/shared';
import { Access } from '../auth/access.decorator';
import { UsersService } from './users.service';

/**
 * The nurses and physicians a session can be assigned to, for the people who schedule sessions:
 * names and ids only, since the user accounts themselves are the admins' to read.
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('clinicians')
@Access({ roles: ['nurse', 'physician', 'auditor'] })
export class CliniciansController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<Clinician[]> {
    return this.users.clinicians();
  }
}
