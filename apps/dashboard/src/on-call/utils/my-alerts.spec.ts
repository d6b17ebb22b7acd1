import type { Duty } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { aSession } from '../../../test/session.fixture';
import { isRoutedTo, splitMyAlerts } from './my-alerts';

const nurse = { id: 'n-1', role: 'nurse' as const };
const otherNurse = { id: 'n-2', role: 'nurse' as const };
const physician = { id: 'p-1', role: 'physician' as const };
const assigned = { assignedNurseId: 'n-1', supervisingPhysicianId: 'p-1' };
const unassigned = { assignedNurseId: null, supervisingPhysicianId: null };
const chargeNurse = (userId: string): Duty['chargeNurse'] => ({
  userId,
  username: userId,
  displayName: userId,
  role: 'nurse',
  since: '2026-11-25T07:00:00.000Z',
  until: '2026-11-25T19:00:00.000Z',
});
const atLevel = (escalationLevel: number) => anAlert({ escalationLevel });

describe('my alerts on the on-call phone', () => {
  it('gives the assigned nurse the alert at once and the supervising physician at step 1', () => {
    expect(isRoutedTo(atLevel(0), nurse, assigned, null)).toBe(true);
    expect(isRoutedTo(atLevel(0), physician, assigned, null)).toBe(false);
    expect(isRoutedTo(atLevel(1), physician, assigned, null)).toBe(true);
    expect(isRoutedTo(atLevel(1), otherNurse, assigned, null)).toBe(false);
  });

  it('gives everyone on duty the alert at the last step', () => {
    expect(isRoutedTo(atLevel(2), otherNurse, assigned, null)).toBe(true);
  });

  it('gives the charge nurse an unassigned session’s alert at once, and any alert at the last step', () => {
    expect(isRoutedTo(atLevel(0), otherNurse, unassigned, chargeNurse('n-2'))).toBe(true);
    expect(isRoutedTo(atLevel(0), otherNurse, unassigned, chargeNurse('n-9'))).toBe(false);
    expect(isRoutedTo(atLevel(1), physician, unassigned, null)).toBe(true);
  });

  it('counts an alert of a session the phone does not hold as mine', () => {
    expect(isRoutedTo(atLevel(0), physician, undefined, null)).toBe(true);
  });

  it('keeps every other open alert below, in the order given', () => {
    const alerts = [
      anAlert({ id: 'theirs-1', sessionId: 's-2' }),
      anAlert({ id: 'mine', sessionId: 's-1' }),
      anAlert({ id: 'theirs-2', sessionId: 's-2' }),
    ];
    const sessions = [
      aSession({ id: 's-1', ...assigned }),
      aSession({ id: 's-2', assignedNurseId: 'n-2', supervisingPhysicianId: 'p-2' }),
    ];
    const { mine, others } = splitMyAlerts(alerts, nurse, sessions, null);
    expect(mine.map(({ id }) => id)).toEqual(['mine']);
    expect(others.map(({ id }) => id)).toEqual(['theirs-1', 'theirs-2']);
  });
});
