import type { Role } from '@vigil/shared';

/**
 * Who may see patient data: the clinicians caring for them and the auditors reviewing their
 * care. Admins manage the system, not patients, and see none of it.
 */
export const PATIENT_DATA_READERS: readonly Role[] = ['nurse', 'physician', 'auditor'];

/**
 * Who may see which chairs exist and whether they are taken: no patient data, and admins, who
 * register each bay's bedside device, need it as much as the clinicians.
 */
export const WARD_LAYOUT_READERS: readonly Role[] = ['nurse', 'physician', 'auditor', 'admin'];
