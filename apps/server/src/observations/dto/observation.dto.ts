import { interventionSchema, observationSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class ObservationDto extends createZodDto(observationSchema) {}
export class InterventionDto extends createZodDto(interventionSchema) {}
