import type { PhysiologicalCode, ThresholdRule } from '@vigil/shared';
import { assertNever } from '../../ui/utils/assert-never';

export function ruleLabel(code: PhysiologicalCode): string {
  switch (code) {
    case 'SPO2_LOW':
      return 'SpO2 low';
    case 'SYSTOLIC_HIGH':
      return 'Systolic high';
    case 'DIASTOLIC_HIGH':
      return 'Diastolic high';
    case 'SYSTOLIC_LOW':
      return 'Systolic low';
    case 'HR_HIGH':
      return 'Heart rate high';
    case 'HR_LOW':
      return 'Heart rate low';
    case 'RR_LOW':
      return 'Resp. rate low';
    default:
      return assertNever(code);
  }
}

/** How the limit is compared, as the alert's message writes it: `<`, `>` or `≥`. */
export function ruleRelation(rule: Pick<ThresholdRule, 'direction' | 'inclusive'>): string {
  if (rule.direction === 'below') return '<';
  return rule.inclusive ? '≥' : '>';
}
