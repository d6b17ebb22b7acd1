import { patientSearchQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class PatientSearchQuery extends createZodDto(patientSearchQuerySchema) {}
