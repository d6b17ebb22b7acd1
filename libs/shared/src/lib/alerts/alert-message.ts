import type { AlertCode } from './alert.types';

const LABELS: Record<AlertCode, { label: string; relation: '<' | '>' | '≥' | '' }> = {
  SPO2_LOW: { label: 'SpO2', relation: '<' },
  SYSTOLIC_HIGH: { label: 'Systolic', relation: '≥' },
  DIASTOLIC_HIGH: { label: 'Diastolic', relation: '≥' },
  SYSTOLIC_LOW: { label: 'Systolic', relation: '<' },
  HR_HIGH: { label: 'HR', relation: '>' },
  HR_LOW: { label: 'HR', relation: '<' },
  RR_LOW: { label: 'RR', relation: '<' },
  SIGNAL_LOSS: { label: 'No SpO2/HR signal', relation: '' },
  BP_OVERDUE: { label: 'Blood pressure overdue', relation: '' },
  SIDE_EFFECT_SEVERE: { label: 'Severe side effect', relation: '' },
};

/** What a person reads at a glance: the value and the limit it broke (`SpO2 86 < 90`). */
export function alertMessage(
  code: AlertCode,
  value: number | null,
  threshold: number | null,
  extra?: string,
): string {
  const { label, relation } = LABELS[code];
  if (relation && value !== null && threshold !== null)
    return `${label} ${value} ${relation} ${threshold}`;
  if (code === 'SIGNAL_LOSS' || code === 'BP_OVERDUE') {
    return value !== null
      ? `${label}: none for ${Math.round(value)} s (limit ${threshold ?? '?'} s)`
      : label;
  }
  return extra ? `${label}: ${extra}` : label;
}
