import { CLINICAL_ROLES, type Role } from '@vigil/shared';

/** Nurses and physicians record; auditors read (the server answers 403 to them anyway). */
export function mayRecord(role: Role): boolean {
  return CLINICAL_ROLES.includes(role);
}

/** Only a physician may let a flagged assessment start anyway. */
export function mayOverride(role: Role): boolean {
  return role === 'physician';
}
