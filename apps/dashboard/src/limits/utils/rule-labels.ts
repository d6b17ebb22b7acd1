import { ALERT_CODE_WORDS, type PhysiologicalCode, type ThresholdRule } from '@vigil/shared';

/** A rule by its alert's words, from the table the server's timeline reads too. */
export function ruleLabel(code: PhysiologicalCode): string {
  return ALERT_CODE_WORDS[code];
}

/** How the limit is compared, as the alert's message writes it: `<`, `>` or `≥`. */
export function ruleRelation(rule: Pick<ThresholdRule, 'direction' | 'inclusive'>): string {
  if (rule.direction === 'below') return '<';
  return rule.inclusive ? '≥' : '>';
}
