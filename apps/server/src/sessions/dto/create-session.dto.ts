import { createSessionSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateSessionDto extends createZodDto(createSessionSchema) {}
