import { adverseEventSchema, followUpDoneSchema, followUpQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class FollowUpDoneDto extends createZodDto(followUpDoneSchema) {}
export class FollowUpQueryDto extends createZodDto(followUpQuerySchema) {}
export class AdverseEventDto extends createZodDto(adverseEventSchema) {}
