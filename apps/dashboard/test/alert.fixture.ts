import type { Alert } from '@vigil/shared';

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    sessionId: 'session-1',
    bay: '1',
    kind: 'physiological',
    code: 'SPO2_LOW',
    priority: 'high',
    state: 'active',
    message: 'SpO2 86 < 90',
    value: 86,
    threshold: 90,
    raisedAt: '2026-11-25T10:10:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedReason: null,
    escalationLevel: 0,
    remindedAt: null,
    revision: 1,
    ...overrides,
  };
}
