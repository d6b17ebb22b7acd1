import { z } from 'zod';
import type { Role } from '../auth/roles';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';

/** The longest a charge-nurse shift may be set for: a handover is due at least once a day. */
export const MAX_CHARGE_SHIFT_MS = 24 * 60 * 60 * 1000;

export interface DutyPerson {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface ChargeNurseOnDuty extends DutyPerson {
  since: string;
  until: string;
}

/** `GET /duty`: who takes the last step of every alert, and who has a live screen now. */
export interface Duty {
  chargeNurse: ChargeNurseOnDuty | null;
  onDuty: DutyPerson[];
}

/** `PUT /duty/charge-nurse`: this nurse is charge nurse from now until `until`. */
export const chargeNurseSchema = z.strictObject({
  userId: z.uuid({ error: expecting('must be a user id (UUID)') }),
  until: isoDateTime(),
});
export type ChargeNurseInput = z.infer<typeof chargeNurseSchema>;

/** Why a shift cannot be set to end at `until` (null when it can). */
export function chargeShiftRefusal(until: string, now: number): string | null {
  const end = Date.parse(until);
  if (end <= now) return 'until must lie in the future';
  if (end - now > MAX_CHARGE_SHIFT_MS) return 'until must lie within 24 hours';
  return null;
}

const assignee = (role: string) =>
  z.uuid({ error: expecting(`must be a ${role}'s user id (UUID) or null`) }).nullable();

/**
 * `PUT /sessions/:id/assignment`: who is sent the session's alerts first (the nurse) and at the
 * first escalation (the physician). Null clears one: the charge nurse and the physicians on duty
 * stand in for a missing person, so no alert is left with nobody.
 */
export const assignmentSchema = z
  .strictObject({
    assignedNurseId: assignee('nurse').optional(),
    supervisingPhysicianId: assignee('physician').optional(),
  })
  .refine(
    (body) => body.assignedNurseId !== undefined || body.supervisingPhysicianId !== undefined,
    'must name assignedNurseId or supervisingPhysicianId',
  );
export type AssignmentInput = z.infer<typeof assignmentSchema>;
