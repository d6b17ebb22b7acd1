import { CLINICAL_ROLES, type Role, type Session } from '@vigil/shared';

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
