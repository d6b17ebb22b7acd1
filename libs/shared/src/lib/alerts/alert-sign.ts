import type { AlertCode } from './alert.types';
import type { PhysiologicalCode, ThresholdRule } from './threshold-profile';

type LimitedSign = ThresholdRule['sign'];
type LimitSide = ThresholdRule['direction'];

/** The sign each physiological alert is about, and the side of its limit the value went past. */
const BREACH_OF_CODE: Record<PhysiologicalCode, { sign: LimitedSign; side: LimitSide }> = {
  SPO2_LOW: { sign: 'spo2', side: 'below' },
  SYSTOLIC_HIGH: { sign: 'systolic', side: 'above' },
  DIASTOLIC_HIGH: { sign: 'diastolic', side: 'above' },
  SYSTOLIC_LOW: { sign: 'systolic', side: 'below' },
  HR_HIGH: { sign: 'heartRate', side: 'above' },
  HR_LOW: { sign: 'heartRate', side: 'below' },
  RR_LOW: { sign: 'respRate', side: 'below' },
};

function breachOf(code: AlertCode): { sign: LimitedSign; side: LimitSide } | null {
  return Object.hasOwn(BREACH_OF_CODE, code) ? BREACH_OF_CODE[code as PhysiologicalCode] : null;
}

/**
 * The vital sign a physiological alert is about (`SPO2_LOW` → `spo2`); null for technical and
 * clinical alerts, which are about no one value (a silent monitor, a severe side effect).
 */
export function signOfAlertCode(code: AlertCode): LimitedSign | null {
  return breachOf(code)?.sign ?? null;
}

/** Whether a physiological alert's value is above or below its limit; null for the others. */
export function limitSideOfAlertCode(code: AlertCode): LimitSide | null {
  return breachOf(code)?.side ?? null;
}
