import { assignmentSchema, chargeShiftRefusal, MAX_CHARGE_SHIFT_MS } from './duty';

describe('a charge-nurse shift', () => {
  const now = Date.parse('2026-03-02T07:00:00.000Z');
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('ends in the future, at most a day ahead', () => {
    expect(chargeShiftRefusal(at(60_000), now)).toBeNull();
    expect(chargeShiftRefusal(at(MAX_CHARGE_SHIFT_MS), now)).toBeNull();
    expect(chargeShiftRefusal(at(0), now)).toMatch(/future/);
    expect(chargeShiftRefusal(at(MAX_CHARGE_SHIFT_MS + 1), now)).toMatch(/24 hours/);
  });
});

describe('an assignment change', () => {
  const someone = '7d0f8e52-3c1b-4a55-9a2e-0c1f4a3b9d10';

  it('names at least one person, or clears one with null', () => {
    expect(assignmentSchema.safeParse({}).success).toBe(false);
    expect(assignmentSchema.safeParse({ assignedNurseId: someone }).success).toBe(true);
    expect(assignmentSchema.safeParse({ supervisingPhysicianId: null }).success).toBe(true);
    expect(assignmentSchema.safeParse({ assignedNurseId: 'nurse' }).success).toBe(false);
    expect(assignmentSchema.safeParse({ assignedNurseId: someone, bay: 'A1' }).success).toBe(false);
  });
});
