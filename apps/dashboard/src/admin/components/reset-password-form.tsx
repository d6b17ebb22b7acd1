import { PASSWORD_MIN_LENGTH, updateUserSchema, type UserAccount } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../ui/components/error-notice';
import { TextField } from '../../ui/components/form-field';
import { issuesToFieldErrors } from '../../ui/forms/field-errors';
import { useUpdateUser } from '../hooks/use-users';

interface ResetPasswordFormProps {
  account: UserAccount;
  /** Called with what to tell the admin, or with nothing when cancelled. */
  onDone: (message?: string) => void;
}

export function ResetPasswordForm({ account, onDone }: ResetPasswordFormProps) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateUserSchema.safeParse({ password });
    if (!parsed.success) {
      const errors = issuesToFieldErrors<'password'>(parsed.error.issues);
      setError(errors.password ?? errors.form);
      return;
    }
    setError(undefined);
    update.mutate(
      { userId: account.id, changes: parsed.data },
      { onSuccess: () => onDone(`New password set for ${account.username}.`) },
    );
  };

  return (
    <form
      className="inline-form"
      aria-label={`Reset password of ${account.username}`}
      onSubmit={submit}
      noValidate
    >
      <TextField
        id={`user-${account.id}-new-password`}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Tell the user in person, not by e-mail.`}
        value={password}
        onValueChange={setPassword}
        error={error}
      />
      <button className="button button--primary" type="submit" disabled={update.isPending}>
        Save password
      </button>
      <button className="button" type="button" onClick={() => onDone()}>
        Cancel
      </button>
      {update.isError && <ErrorNotice title="Could not reset the password" error={update.error} />}
    </form>
  );
}
