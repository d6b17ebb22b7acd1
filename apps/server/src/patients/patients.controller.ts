import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLINICAL_ROLES, type Patient } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { CreatePatientDto } from './dto/create-patient.dto';
import { PatientSearchQuery } from './dto/patient-search.query';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Post()
  @Access({ roles: CLINICAL_ROLES })
  @HttpCode(201)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreatePatientDto,
  ): Promise<Patient> {
    return this.patients.create(actorOf(principal), body);
  }

  /** Finding a patient by name or MRN: to admit them, or (auditors read everything) to review. */
  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PatientSearchQuery,
  ): Promise<Patient[]> {
    return this.patients.search(actorOf(principal), query.query);
  }

  @Get(':id')
  @Access({ roles: PATIENT_DATA_READERS })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Patient> {
    return this.patients.get(actorOf(principal), id);
  }
}
