import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { plainText } from '../validation/plain-text';

export const createDeviceSchema = z.strictObject({
  label: plainText(
    z
      .string({ error: expecting('must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters'),
  ),
  bay: plainText(
    z
      .string({ error: expecting('must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters'),
  ).optional(),
});
export type CreateDeviceInput = z.input<typeof createDeviceSchema>;

export interface Device {
  id: string;
  label: string;
  /** A device scoped to a bay may only send readings for sessions in that bay. */
  bay: string | null;
  /** The first characters of the key, to tell keys apart; the key itself is never stored. */
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The only response that ever carries the key. */
export interface DeviceCreated {
  id: string;
  label: string;
  bay: string | null;
  apiKey: string;
}
