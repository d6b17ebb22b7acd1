import type { Role } from '@vigil/shared';
import { assertNever } from '../../ui/utils/assert-never';

export function roleLabel(role: Role): string {
  switch (role) {
    case 'nurse':
      return 'Nurse';
    case 'physician':
      return 'Physician';
    case 'auditor':
      return 'Auditor';
    case 'admin':
      return 'Administrator';
    default:
      return assertNever(role);
  }
}
