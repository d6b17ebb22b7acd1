import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { plainText } from '../validation/plain-text';

/**
 * An HL7 v2 namespace id (MSH-3.1, MSH-4.1): visible characters, none of HL7's own delimiters,
 * which would split it into other components on the wire.
 */
const hl7NamespaceId = plainText(
  z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(60, 'must be at most 60 characters')
    .regex(/^[^|^~\\&#]*$/, 'must not contain the HL7 delimiters | ^ ~ \\ & #'),
);

/** How a monitor gateway names itself in its messages' header (MSH-3, MSH-4). */
export const hl7SourceSchema = z.strictObject({
  sendingApplication: hl7NamespaceId,
  sendingFacility: hl7NamespaceId,
});
export type Hl7Source = z.output<typeof hl7SourceSchema>;

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
  /** Set for a gateway that sends HL7 v2 over MLLP: its messages are known by this header. */
  hl7: hl7SourceSchema.optional(),
});
export type CreateDeviceInput = z.input<typeof createDeviceSchema>;

export interface Device {
  id: string;
  label: string;
  /** A device scoped to a bay may only send readings for sessions in that bay. */
  bay: string | null;
  /** The first characters of the key, to tell keys apart; the key itself is never stored. */
  keyPrefix: string;
  hl7: Hl7Source | null;
  createdAt: string;
  revokedAt: string | null;
}

/** The only response that ever carries the key. */
export interface DeviceCreated {
  id: string;
  label: string;
  bay: string | null;
  hl7: Hl7Source | null;
  apiKey: string;
}
