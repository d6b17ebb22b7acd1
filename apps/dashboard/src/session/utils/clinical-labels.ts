import type { SideEffectCode, TimelineKind } from '@vigil/shared';
import { assertNever } from '../../ui/utils/assert-never';

/** `visual-disturbance` → `Visual disturbance`. */
export function sideEffectLabel(code: SideEffectCode): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function timelineKindLabel(kind: TimelineKind): string {
  switch (kind) {
    case 'state':
      return 'State';
    case 'assessment':
      return 'Assessment';
    case 'override':
      return 'Override';
    case 'observation':
      return 'Observation';
    case 'intervention':
      return 'Intervention';
    case 'alert':
      return 'Alert';
    case 'administration':
      return 'Administration';
    default:
      return assertNever(kind);
  }
}
