import { acknowledgeSchema, ALERT_PRIORITIES, ALERT_STATES } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const alertQuerySchema = z.strictObject({
  state: z.enum(ALERT_STATES, { error: `must be one of ${ALERT_STATES.join(', ')}` }).optional(),
  sessionId: z.uuid({ error: 'must be a session id (UUID)' }).optional(),
  priority: z
    .enum(ALERT_PRIORITIES, { error: `must be one of ${ALERT_PRIORITIES.join(', ')}` })
    .optional(),
});
export class AlertQueryDto extends createZodDto(alertQuerySchema) {}

export class AcknowledgeDto extends createZodDto(acknowledgeSchema) {}
