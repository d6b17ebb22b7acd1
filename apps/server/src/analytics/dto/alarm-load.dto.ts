import { alarmLoadQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class AlarmLoadQueryDto extends createZodDto(alarmLoadQuerySchema) {}
