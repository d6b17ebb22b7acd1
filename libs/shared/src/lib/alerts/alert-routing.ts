import type { Role } from '../auth/roles';
import type { Alert, AlertPriority } from './alert.types';
import type { ThresholdProfile } from './threshold-profile';

/**
 * The steps of an unacknowledged alert: 0 the session's assigned nurse (and the ward screens,
 * which show every alert), 1 the supervising physician, 2 the charge nurse and every clinician on
 * duty. Each step adds people; nobody routed earlier is dropped.
 */
export const ESCALATION_LEVELS = [0, 1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const TOP_ESCALATION_LEVEL: EscalationLevel = 2;

/** The second interval for profiles stored before it was a setting. */
export const DEFAULT_SECOND_ESCALATION_S: Record<Exclude<AlertPriority, 'low'>, number> = {
  high: 120,
  medium: 300,
};

/**
 * How long after its raise an unacknowledged alert reaches `level`: the profile's escalation time
 * for level 1, plus the second interval for level 2. Low alerts stay with the nurse (null).
 */
export function escalationDueMs(
  profile: Pick<ThresholdProfile, 'escalationS' | 'secondEscalationS'>,
  priority: AlertPriority,
  level: EscalationLevel,
): number | null {
  if (priority === 'low') return null;
  if (level === 0) return 0;
  const first = profile.escalationS[priority] * 1000;
  if (level === 1) return first;
  const second = (profile.secondEscalationS ?? DEFAULT_SECOND_ESCALATION_S)[priority] * 1000;
  return first + second;
}

export interface CareTeamMember {
  userId: string;
  role: Role;
}

/** Who may be sent an alert of one session, as known when it is routed. */
export interface CareTeam {
  assignedNurseId: string | null;
  supervisingPhysicianId: string | null;
  /** Nurses flagged charge nurse for a shift that covers now. */
  chargeNurseIds: readonly string[];
  /** Nurses and physicians with a live screen (a connected socket) now. */
  onDuty: readonly CareTeamMember[];
}

export interface AlertRecipient extends CareTeamMember {
  /** The step at which the person was first sent the alert. */
  level: EscalationLevel;
}

/**
 * Everyone an alert at `level` is sent to, each once, at the lowest step that names them. A step
 * whose person is missing never leaves the alert with nobody: with no assigned nurse, the charge
 * nurses take step 0; with no supervising physician, the physicians on duty take step 1.
 */
export function alertRecipients(team: CareTeam, level: EscalationLevel): AlertRecipient[] {
  const chosen = new Map<string, AlertRecipient>();
  const add = (members: readonly CareTeamMember[], step: EscalationLevel) => {
    for (const member of members)
      if (!chosen.has(member.userId)) chosen.set(member.userId, { ...member, level: step });
  };
  const chargeNurses = team.chargeNurseIds.map((userId) => ({ userId, role: 'nurse' as const }));
  add(team.assignedNurseId ? [{ userId: team.assignedNurseId, role: 'nurse' }] : chargeNurses, 0);
  if (level >= 1)
    add(
      team.supervisingPhysicianId
        ? [{ userId: team.supervisingPhysicianId, role: 'physician' }]
        : team.onDuty.filter((member) => member.role === 'physician'),
      1,
    );
  if (level >= 2)
    add(
      [
        ...chargeNurses,
        ...team.onDuty.filter((member) => member.role === 'nurse' || member.role === 'physician'),
      ],
      2,
    );
  return [...chosen.values()];
}

/** `GET /alerts/:id/deliveries`: one person the alert was sent to. */
export interface AlertDelivery {
  userId: string;
  role: Role;
  level: EscalationLevel;
  sentAt: string;
  /** The first acknowledgement of the event by any screen of theirs (Socket.IO ack). */
  deliveredAt?: string;
  /** When they first opened it. */
  seenAt?: string;
}

/** `alert.routed`: the alert sounds on this person's screens, at this step. */
export interface AlertRouted {
  alert: Alert;
  level: EscalationLevel;
}

/** An open alert that no person's screen has confirmed: the inbox warns of it on its own. */
export function deliveredToNobody(deliveries: readonly AlertDelivery[]): boolean {
  return !deliveries.some((delivery) => delivery.deliveredAt);
}
