import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TreatmentCourse } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { CourseService } from './course.service';
import { PlannedCourseDto } from './dto/course.dto';

@ApiTags('course')
@ApiBearerAuth()
@Controller('patients/:id/course')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get()
  @Access({ roles: PATIENT_DATA_READERS })
  course(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TreatmentCourse> {
    return this.courses.course(actorOf(principal), id);
  }

  /** Only a physician plans the series. */
  @Put()
  @Access({ roles: ['physician'] })
  plan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlannedCourseDto,
  ): Promise<{ patientId: string; plannedInfusions: number }> {
    return this.courses.plan(actorOf(principal), id, body.plannedInfusions);
  }
}
