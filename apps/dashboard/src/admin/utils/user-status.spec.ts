import { describeAccountState } from './user-status';

const now = Date.parse('2026-11-25T10:00:00.000Z');

describe('describeAccountState', () => {
  it('calls an enabled account without a lock active', () => {
    expect(describeAccountState({ disabled: false, lockedUntil: null }, now)).toEqual({
      state: 'active',
      text: 'Active',
    });
  });

  it('says until when an account is locked', () => {
    const { state, text } = describeAccountState(
      { disabled: false, lockedUntil: '2026-11-25T10:15:00.000Z' },
      now,
    );
    expect(state).toBe('locked');
    expect(text).toMatch(/^Locked until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('ignores a lock that has run out', () => {
    expect(
      describeAccountState({ disabled: false, lockedUntil: '2026-11-25T09:59:59.000Z' }, now).state,
    ).toBe('active');
  });

  it('puts disabled first when an account is both disabled and locked', () => {
    const { state, text } = describeAccountState(
      { disabled: true, lockedUntil: '2026-11-25T10:15:00.000Z' },
      now,
    );
    expect(state).toBe('disabled');
    expect(text).toMatch(/^Disabled; locked until /);
  });
});
