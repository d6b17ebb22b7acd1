import { outcomeSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class OutcomeDto extends createZodDto(outcomeSchema) {}
