import { z } from 'zod';
import { plainText } from '../validation/plain-text';
import { ALERT_PRIORITIES } from './alert.types';

/** The longest label of where an alert was acknowledged ("Ward screen 2", "phone"). */
export const ACKNOWLEDGED_FROM_MAX = 40;

/** `POST /alerts/:id/acknowledge`. */
export const acknowledgeSchema = z.strictObject({
  note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  /** The priority the screen showed: an alert that has worsened since is refused (409). */
  priority: z
    .enum(ALERT_PRIORITIES, { error: `must be one of ${ALERT_PRIORITIES.join(', ')}` })
    .optional(),
  /** Where it was acknowledged: the screen's kiosk or chair name, or "phone". */
  from: plainText(
    z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(ACKNOWLEDGED_FROM_MAX, `must be at most ${ACKNOWLEDGED_FROM_MAX} characters`),
  ).optional(),
});
export type AcknowledgeInput = z.infer<typeof acknowledgeSchema>;
