import { assertNever } from '../../ui/utils/assert-never';
import type { Indication, SessionState } from '@vigil/shared';

export function sessionStateLabel(state: SessionState): string {
  switch (state) {
    case 'scheduled':
      return 'Scheduled';
    case 'assessed':
      return 'Assessed';
    case 'infusing':
      return 'Infusing';
    case 'paused':
      return 'Paused';
    case 'recovery':
      return 'Recovery';
    case 'discharged':
      return 'Discharged';
    case 'aborted':
      return 'Aborted';
    default:
      return assertNever(state);
  }
}

export function indicationLabel(indication: Indication): string {
  switch (indication) {
    case 'alcohol-use-disorder':
      return 'Alcohol use disorder';
    case 'opioid-use-disorder':
      return 'Opioid use disorder';
    case 'cocaine-use-disorder':
      return 'Cocaine use disorder';
    case 'stimulant-use-disorder':
      return 'Stimulant use disorder';
    case 'depression':
      return 'Depression';
    case 'other':
      return 'Other indication';
    default:
      return assertNever(indication);
  }
}
