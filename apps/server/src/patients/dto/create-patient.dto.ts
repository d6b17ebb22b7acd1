import { createPatientSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class CreatePatientDto extends createZodDto(createPatientSchema) {}
