import { createUserSchema } from '@vigil/shared';
import { issuesToFieldErrors, serverMessagesToFieldErrors } from './field-errors';

describe('issuesToFieldErrors', () => {
  it('keeps the first problem of each field of a failed shared schema', () => {
    const result = createUserSchema.safeParse({
      username: 'No Spaces',
      displayName: '',
      role: 'janitor',
      password: 'short',
    });
    expect(result.success).toBe(false);
    const errors = issuesToFieldErrors(result.error!.issues);
    expect(errors).toEqual({
      username: 'must be 3–64 characters: lower-case letters, digits, . _ -',
      displayName: 'must not be empty',
      role: 'must be one of nurse, physician, auditor, admin',
      password: 'must be at least 12 characters',
    });
  });

  it('puts a problem without a path on the form', () => {
    expect(issuesToFieldErrors([{ path: [], message: 'must change at least one field' }])).toEqual({
      form: 'must change at least one field',
    });
  });
});

describe('serverMessagesToFieldErrors', () => {
  it('places messages that start with a field name beside that field', () => {
    expect(
      serverMessagesToFieldErrors(
        ['username nurse2 is already taken', 'something else went wrong'],
        ['username', 'password'],
      ),
    ).toEqual({ username: 'nurse2 is already taken', form: 'something else went wrong' });
  });
});
