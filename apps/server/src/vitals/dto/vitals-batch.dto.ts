import { vitalsBatchSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class VitalsBatchDto extends createZodDto(vitalsBatchSchema) {}

export const vitalsRangeQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export class VitalsRangeQuery extends createZodDto(vitalsRangeQuerySchema) {}

export const trendQuerySchema = vitalsRangeQuerySchema.extend({
  bucketS: z.coerce
    .number({ error: 'must be a number of seconds between 5 and 3600' })
    .int('must be a whole number of seconds')
    .min(5, 'must be between 5 and 3600')
    .max(3600, 'must be between 5 and 3600')
    .optional(),
});

export class TrendQuery extends createZodDto(trendQuerySchema) {}
