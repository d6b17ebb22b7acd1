import fc from 'fast-check';
import {
  alertRecipients,
  DEFAULT_SECOND_ESCALATION_S,
  deliveredToNobody,
  escalationDueMs,
  type CareTeam,
  type EscalationLevel,
} from './alert-routing';

const NURSE = 'nurse-1';
const PHYSICIAN = 'physician-1';
const CHARGE = 'charge-1';
const team: CareTeam = {
  assignedNurseId: NURSE,
  supervisingPhysicianId: PHYSICIAN,
  chargeNurseIds: [CHARGE],
  onDuty: [
    { userId: NURSE, role: 'nurse' },
    { userId: 'nurse-2', role: 'nurse' },
    { userId: 'physician-2', role: 'physician' },
    { userId: 'auditor-1', role: 'auditor' },
  ],
};

describe('alert routing', () => {
  it('sends step 0 to the assigned nurse, step 1 adds the supervising physician, step 2 the charge nurse and everyone on duty', () => {
    expect(alertRecipients(team, 0)).toEqual([{ userId: NURSE, role: 'nurse', level: 0 }]);
    expect(alertRecipients(team, 1)).toEqual([
      { userId: NURSE, role: 'nurse', level: 0 },
      { userId: PHYSICIAN, role: 'physician', level: 1 },
    ]);
    expect(alertRecipients(team, 2)).toEqual([
      { userId: NURSE, role: 'nurse', level: 0 },
      { userId: PHYSICIAN, role: 'physician', level: 1 },
      { userId: CHARGE, role: 'nurse', level: 2 },
      { userId: 'nurse-2', role: 'nurse', level: 2 },
      { userId: 'physician-2', role: 'physician', level: 2 },
    ]);
  });

  it('never leaves a step with nobody when the session has no assignment', () => {
    const unassigned: CareTeam = { ...team, assignedNurseId: null, supervisingPhysicianId: null };
    expect(alertRecipients(unassigned, 0)).toEqual([{ userId: CHARGE, role: 'nurse', level: 0 }]);
    expect(alertRecipients(unassigned, 1)).toContainEqual({
      userId: 'physician-2',
      role: 'physician',
      level: 1,
    });
  });

  it('names each person once, at the lowest step, and keeps everyone an earlier step reached', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd');
    const teams = fc.record({
      assignedNurseId: fc.option(ids),
      supervisingPhysicianId: fc.option(ids),
      chargeNurseIds: fc.array(ids, { maxLength: 3 }),
      onDuty: fc.array(
        fc.record({ userId: ids, role: fc.constantFrom('nurse', 'physician', 'auditor') }),
        { maxLength: 4 },
      ),
    }) as fc.Arbitrary<CareTeam>;
    fc.assert(
      fc.property(teams, fc.constantFrom<EscalationLevel>(0, 1, 2), (anyTeam, level) => {
        const recipients = alertRecipients(anyTeam, level);
        expect(new Set(recipients.map((r) => r.userId)).size).toBe(recipients.length);
        expect(recipients.every((r) => r.level <= level)).toBe(true);
        expect(recipients.some((r) => r.role === 'auditor')).toBe(false);
        if (level > 0)
          for (const earlier of alertRecipients(anyTeam, (level - 1) as EscalationLevel))
            expect(recipients).toContainEqual(earlier);
      }),
    );
  });

  it('reaches step 1 after the escalation time and step 2 after the second interval; low alerts never', () => {
    const profile = { escalationS: { high: 60, medium: 180 } };
    expect(escalationDueMs(profile, 'high', 1)).toBe(60_000);
    expect(escalationDueMs(profile, 'high', 2)).toBe(
      (60 + DEFAULT_SECOND_ESCALATION_S.high) * 1000,
    );
    expect(
      escalationDueMs({ ...profile, secondEscalationS: { high: 30, medium: 90 } }, 'medium', 2),
    ).toBe(270_000);
    expect(escalationDueMs(profile, 'low', 1)).toBeNull();
  });

  it('warns of an alert no screen has confirmed', () => {
    const sent = { userId: NURSE, role: 'nurse' as const, level: 0 as const, sentAt: 'x' };
    expect(deliveredToNobody([])).toBe(true);
    expect(deliveredToNobody([sent])).toBe(true);
    expect(deliveredToNobody([sent, { ...sent, deliveredAt: 'y' }])).toBe(false);
  });
});
