import type { Role } from '@vigil/shared';

/**
 * Who may see patient data: the clinicians caring for them and the auditors reviewing their
 * care. Admins manage the system, not patients, and see none of it.
 */
export const PATIENT_DATA_READERS: readonly Role[] = ['nurse', 'physician', 'auditor'];
