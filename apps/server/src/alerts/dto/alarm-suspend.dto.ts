import { alarmSuspendSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class AlarmSuspendDto extends createZodDto(alarmSuspendSchema) {}
