import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Put,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TreatmentCourse } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import { CourseService } from './course.service';
import { PlannedCourseDto } from './dto/course.dto';

@ApiTags('course')
@ApiBearerAuth()
@Controller('patients/:id')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get('course')
  @Access({ roles: PATIENT_DATA_READERS })
  course(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TreatmentCourse> {
    return this.courses.course(actorOf(principal), id);
  }

  /** For the referring clinician: both identifiers, every time in the clinic's zone. */
  @Get('course.pdf')
  @Access({ roles: PATIENT_DATA_READERS })
  @Header('Content-Type', 'application/pdf')
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.courses.pdf(actorOf(principal), id), {
      disposition: `attachment; filename="course-${id}.pdf"`,
    });
  }

  /** Only a physician plans the series. */
  @Put('course')
  @Access({ roles: ['physician'] })
  plan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlannedCourseDto,
  ): Promise<{ patientId: string; plannedInfusions: number }> {
    return this.courses.plan(actorOf(principal), id, body.plannedInfusions);
  }
}
