import {
  alertRecipients,
  TOP_ESCALATION_LEVEL,
  type Alert,
  type Duty,
  type EscalationLevel,
  type Session,
  type User,
} from '@vigil/shared';

export interface MyAlerts {
  /** Routed to this person at the alert's current step. */
  mine: Alert[];
  /** Every other open alert of the ward: on the phone too, below, so none is out of sight. */
  others: Alert[];
}

/**
 * Whether the server has routed `alert` to `user` by now, worked out with the server's own rule
 * (alertRecipients) from what the screen holds: the session's assignment, the charge nurse, and
 * the alert's step. The person holding this phone is on duty (their screen is connected). An
 * alert whose session the screen does not hold counts as theirs: better one too many than one
 * missed.
 */
export function isRoutedTo(
  alert: Alert,
  user: Pick<User, 'id' | 'role'>,
  session: Pick<Session, 'assignedNurseId' | 'supervisingPhysicianId'> | undefined,
  chargeNurse: Duty['chargeNurse'],
): boolean {
  if (!session) return true;
  const recipients = alertRecipients(
    {
      assignedNurseId: session.assignedNurseId,
      supervisingPhysicianId: session.supervisingPhysicianId,
      chargeNurseIds: chargeNurse ? [chargeNurse.userId] : [],
      onDuty: [{ userId: user.id, role: user.role }],
    },
    Math.min(alert.escalationLevel, TOP_ESCALATION_LEVEL) as EscalationLevel,
  );
  return recipients.some((recipient) => recipient.userId === user.id);
}

/** The open alerts split into this person's and the rest, each in the order given. */
export function splitMyAlerts(
  alerts: readonly Alert[],
  user: Pick<User, 'id' | 'role'>,
  sessions: readonly Session[],
  chargeNurse: Duty['chargeNurse'],
): MyAlerts {
  const byId = new Map(sessions.map((session) => [session.id, session]));
  const mine: Alert[] = [];
  const others: Alert[] = [];
  for (const alert of alerts)
    (isRoutedTo(alert, user, byId.get(alert.sessionId), chargeNurse) ? mine : others).push(alert);
  return { mine, others };
}
