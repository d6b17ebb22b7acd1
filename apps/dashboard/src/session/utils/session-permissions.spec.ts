import { mayOverride, mayRecord } from './session-permissions';

describe('session permissions', () => {
  it('lets nurses and physicians record, never auditors or admins', () => {
    expect(mayRecord('nurse')).toBe(true);
    expect(mayRecord('physician')).toBe(true);
    expect(mayRecord('auditor')).toBe(false);
    expect(mayRecord('admin')).toBe(false);
  });

  it('lets only physicians override a clinical gate', () => {
    expect(mayOverride('physician')).toBe(true);
    expect(mayOverride('nurse')).toBe(false);
    expect(mayOverride('auditor')).toBe(false);
  });
});
