import type { CourseInfusion } from '@vigil/shared';

export function anInfusion(overrides: Partial<CourseInfusion> = {}): CourseInfusion {
  return {
    sessionId: 's-1',
    number: 1,
    date: '2026-12-01T10:00:00.000Z',
    state: 'discharged',
    doseMgPerKg: 0.5,
    deliveredMg: 35,
    deliveredSource: 'pump-record',
    peakSystolic: 162,
    peakDiastolic: 95,
    peakHeartRate: 104,
    minSpo2: 93,
    alerts: { high: 1, medium: 2, low: 0 },
    sideEffects: ['nausea', 'visual-disturbance'],
    maxCadss: 21,
    maxCadss6: 8,
    minMoaas: 3,
    outcomes: [],
    closerBloodPressureWatch: true,
    ...overrides,
  };
}
