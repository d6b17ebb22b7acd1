export const SIDE_EFFECT_CODES = [
  'nausea',
  'vomiting',
  'dissociation',
  'hallucinations',
  'confusion',
  'agitation',
  'anxiety',
  'dizziness',
  'headache',
  'visual-disturbance',
  'hypersalivation',
  'chest-pain',
  'respiratory-depression',
  'other',
] as const;

export type SideEffectCode = (typeof SIDE_EFFECT_CODES)[number];

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];
