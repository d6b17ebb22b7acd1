import { vitalsBatchSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class VitalsBatchDto extends createZodDto(vitalsBatchSchema) {}

export const vitalsRangeQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export class VitalsRangeQuery extends createZodDto(vitalsRangeQuerySchema) {}
