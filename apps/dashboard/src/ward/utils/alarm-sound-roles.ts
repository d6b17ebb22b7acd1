import type { Role } from '@vigil/shared';

/**
 * The roles whose screens sound the ward's alarms, on every page: the clinicians who answer them.
 * Auditors review alarms afterwards and admins see no patient data: their screens stay silent.
 */
export const ALARM_SOUND_ROLES: readonly Role[] = ['nurse', 'physician'];

export function hearsAlarms(role: Role): boolean {
  return ALARM_SOUND_ROLES.includes(role);
}
