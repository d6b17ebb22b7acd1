import { z } from 'zod';
import { expecting } from '../validation/format-issues';

export interface AuditEntry {
  seq: number;
  at: string;
  /** Username, `device:<label>` or `system`. */
  actor: string;
  /** The actor's role, `device` or `system`. */
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  sessionId: string | null;
  detail: Record<string, unknown>;
  /**
   * The clinical detail was withheld from this reader (an admin, who sees no patient data); the
   * entry's hash is still over the full detail, which the server verifies.
   */
  detailWithheld?: true;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  { valid: true; entries: number } | { valid: false; brokenAt: number };

const isoTime = z.iso.datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') });

export const auditQuerySchema = z.strictObject({
  from: isoTime.optional(),
  to: isoTime.optional(),
  actor: z.string().trim().min(1).max(120).optional(),
  sessionId: z.uuid({ error: expecting('must be a session id (UUID)') }).optional(),
  /** `desc`: newest first, for an auditor's first look at recent activity. */
  order: z.enum(['asc', 'desc'], { error: expecting('must be asc or desc') }).default('asc'),
  limit: z.coerce
    .number({ error: expecting('must be a number between 1 and 5000') })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 5000')
    .max(5000, 'must be between 1 and 5000')
    .default(1000),
  /**
   * Where the previous page ended: entries after this seq in the order asked for. A full page is
   * answered with a `Link: <…>; rel="next"` header naming the next one, so no entry is out of reach.
   */
  cursor: z.coerce
    .number({ error: expecting('must be the seq of an audit entry') })
    .int('must be the seq of an audit entry')
    .min(0, 'must be the seq of an audit entry')
    .optional(),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
export type AuditQueryInput = z.input<typeof auditQuerySchema>;
