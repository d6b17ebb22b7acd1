import { scheduleQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class ScheduleQueryDto extends createZodDto(scheduleQuerySchema) {}
