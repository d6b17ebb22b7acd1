import { SESSION_STATES } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const listSessionsQuerySchema = z.strictObject({
  state: z
    .enum(SESSION_STATES, { error: `must be one of ${SESSION_STATES.join(', ')}` })
    .optional(),
  bay: z.string().trim().min(1).optional(),
  live: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export class ListSessionsQuery extends createZodDto(listSessionsQuerySchema) {}
