import type { Role } from '@vigil/shared';

/**
 * The roles the server lets on the clinicians' socket: everyone who may read patient data, the
 * clinicians caring for the patients and the auditors reviewing their care. Admins see no patient
 * data and the server refuses them the socket (`forbidden`), so they get no connection at all.
 */
export const LIVE_UPDATE_ROLES: readonly Role[] = ['nurse', 'physician', 'auditor'];

export function receivesLiveUpdates(role: Role): boolean {
  return LIVE_UPDATE_ROLES.includes(role);
}
