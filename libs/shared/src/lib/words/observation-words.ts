import type { SideEffectCode } from '../observations/side-effects';
import type { InterventionKind } from '../sessions/clinical.schema';

export const SIDE_EFFECT_WORDS: Readonly<Record<SideEffectCode, string>> = {
  nausea: 'Nausea',
  vomiting: 'Vomiting',
  dissociation: 'Dissociation',
  hallucinations: 'Hallucinations',
  confusion: 'Confusion',
  agitation: 'Agitation',
  anxiety: 'Anxiety',
  dizziness: 'Dizziness',
  headache: 'Headache',
  'visual-disturbance': 'Visual disturbance',
  hypersalivation: 'Hypersalivation',
  'chest-pain': 'Chest pain',
  'respiratory-depression': 'Respiratory depression',
  other: 'Other',
};

export const INTERVENTION_KIND_WORDS: Readonly<Record<InterventionKind, string>> = {
  'rate-change': 'Infusion rate change',
  medication: 'Medication given',
  note: 'Note',
};
