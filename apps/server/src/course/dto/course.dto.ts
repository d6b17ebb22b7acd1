import { plannedCourseSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class PlannedCourseDto extends createZodDto(plannedCourseSchema) {}
