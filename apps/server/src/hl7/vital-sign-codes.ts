import type { VitalSign } from '@vigil/shared';

export const LOINC_SYSTEM = 'http://loinc.org';

/**
 * What an OBX-3 may name, by coding system: LOINC (`LN`) as the contract lists it, and the IEEE
 * 11073 MDC codes (`MDC`) that IntelliVue, CARESCAPE and Mindray gateways send, by their numeric
 * code or their reference id.
 */
export const LOINC_TO_SIGN: Readonly<Record<string, VitalSign>> = {
  '8867-4': 'heartRate',
  '59408-5': 'spo2',
  '2708-6': 'spo2',
  '8480-6': 'systolic',
  '8462-4': 'diastolic',
  '9279-1': 'respRate',
  '19889-5': 'etco2',
};

export const MDC_TO_SIGN: Readonly<Record<string, VitalSign>> = {
  '147842': 'heartRate',
  MDC_ECG_HEART_RATE: 'heartRate',
  '149530': 'heartRate',
  MDC_PULS_OXIM_PULS_RATE: 'heartRate',
  '150456': 'spo2',
  MDC_PULS_OXIM_SAT_O2: 'spo2',
  '150017': 'systolic',
  MDC_PRESS_BLD_SYS: 'systolic',
  '150033': 'systolic',
  MDC_PRESS_BLD_ART_SYS: 'systolic',
  '150305': 'systolic',
  MDC_PRESS_BLD_NONINV_SYS: 'systolic',
  '150018': 'diastolic',
  MDC_PRESS_BLD_DIA: 'diastolic',
  '150034': 'diastolic',
  MDC_PRESS_BLD_ART_DIA: 'diastolic',
  '150306': 'diastolic',
  MDC_PRESS_BLD_NONINV_DIA: 'diastolic',
  '151562': 'respRate',
  MDC_RESP_RATE: 'respRate',
  '151906': 'etco2',
  MDC_AWAY_CO2_ET: 'etco2',
};

/**
 * The units (OBX-6) each sign may come in: UCUM, its everyday spellings and the MDC units. A
 * value in any other unit is refused, never converted or taken as is: a pressure in kPa read as
 * mmHg would be a crisis read as shock.
 */
export const UNITS_OF: Readonly<Record<VitalSign, readonly string[]>> = {
  heartRate: ['/min', '{beats}/min', 'bpm', '1/min', '264864', 'MDC_DIM_BEAT_PER_MIN'],
  spo2: ['%', '262688', 'MDC_DIM_PERCENT'],
  systolic: ['mm[Hg]', 'mmHg', '266016', 'MDC_DIM_MMHG'],
  diastolic: ['mm[Hg]', 'mmHg', '266016', 'MDC_DIM_MMHG'],
  respRate: ['/min', '{breaths}/min', 'br/min', '1/min', '264928', 'MDC_DIM_RESP_PER_MIN'],
  etco2: ['mm[Hg]', 'mmHg', '266016', 'MDC_DIM_MMHG'],
};

/** The sign an OBX-3 (identifier, coding system) names, or undefined for any other. */
export function signOfCode(identifier: string, codingSystem: string): VitalSign | undefined {
  const system = codingSystem.toUpperCase();
  if (system === 'LN' || system === 'LOINC') return LOINC_TO_SIGN[identifier];
  if (system.startsWith('MDC')) return MDC_TO_SIGN[identifier];
  if (system === '') return LOINC_TO_SIGN[identifier] ?? MDC_TO_SIGN[identifier];
  return undefined;
}
