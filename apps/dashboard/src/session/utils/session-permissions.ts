import { CLINICAL_ROLES, type Role, type Session, type SessionState } from '@vigil/shared';

/** Nurses and physicians record; auditors read (the server answers 403 to them anyway). */
export function mayRecord(role: Role): boolean {
  return CLINICAL_ROLES.includes(role);
}

/** Only a physician may let a flagged assessment start anyway. */
export function mayOverride(role: Role): boolean {
  return role === 'physician';
}

/** Only a physician signs the dose order (contract: roles). */
export function maySignOrder(role: Role): boolean {
  return role === 'physician';
}

/** The dose order is signed (or changed) before the start: scheduled or assessed. */
export function mayStillSignOrder(session: Pick<Session, 'state'>): boolean {
  return session.state === 'scheduled' || session.state === 'assessed';
}

/** Only a physician changes one session's limits (contract: roles). */
export function mayChangeLimits(role: Role): boolean {
  return role === 'physician';
}

/** A session's limits may change from its assessment until it leaves the chair. */
export function limitsChangeableIn(state: SessionState): boolean {
  return state === 'assessed' || state === 'infusing' || state === 'paused' || state === 'recovery';
}
