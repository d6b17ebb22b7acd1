import type { Session, SessionPatientSummary, VitalSample } from '@vigil/shared';

/** A patient as a session names them: initials for the ward wall, name and MRN everywhere else. */
export function aPatientSummary(
  overrides: Partial<SessionPatientSummary> = {},
): SessionPatientSummary {
  return {
    id: 'patient-1',
    initials: 'JD',
    displayName: 'Jane Doe',
    mrn: 'MRN-0001',
    birthDate: '1980-04-12',
    ...overrides,
  };
}

export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 'session-1',
    patientId: 'patient-1',
    patient: aPatientSummary(),
    bay: '1',
    indication: 'alcohol-use-disorder',
    doseMgPerKg: 0.5,
    totalDoseMg: 35,
    plannedDurationMin: 40,
    order: {
      doseMgPerKg: 0.5,
      plannedDurationMin: 40,
      signedBy: 'dr.house',
      signedAt: '2026-11-25T09:45:00.000Z',
    },
    infusionPlan: { concentrationMgPerMl: 1, volumeMl: 35, rateMlPerH: 52.5 },
    pumpEvents: [],
    deliveredMg: 0,
    durationOverride: null,
    thresholdProfileId: 'default',
    assignedNurseId: null,
    supervisingPhysicianId: null,
    state: 'infusing',
    revision: 1,
    createdAt: '2026-11-25T09:50:00.000Z',
    scheduledAt: '2026-11-25T09:50:00.000Z',
    startedAt: '2026-11-25T10:00:00.000Z',
    endedAt: null,
    pausedMs: 0,
    pausedAt: null,
    elapsedMin: 12,
    latestVitals: {},
    assessment: null,
    override: null,
    allowedActions: ['pause', 'stop', 'abort'],
    ...overrides,
  };
}

export function aSample(overrides: Partial<VitalSample> & Pick<VitalSample, 'at'>): VitalSample {
  return {
    sessionId: 'session-1',
    seq: null,
    receivedAt: overrides.at,
    ...overrides,
  };
}
