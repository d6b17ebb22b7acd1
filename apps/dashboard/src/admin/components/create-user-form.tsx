import { createUserSchema, PASSWORD_MIN_LENGTH, ROLES, type Role } from '@vigil/shared';
import { useState } from 'react';
import { roleLabel } from '../../auth/utils/role-labels';
import { SelectField, TextField } from '../../ui/components/form-field';
import { refusalFieldErrors } from '../../ui/errors/refusal-words';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useCreateUser } from '../hooks/use-users';

const FIELDS = ['username', 'displayName', 'role', 'password'] as const;

interface UserDraft {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const EMPTY: UserDraft = { username: '', displayName: '', role: 'nurse', password: '' };

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

export function CreateUserForm() {
  const create = useCreateUser();
  const { draft, setField, errors, setErrors, handleSubmit, reset } = useSchemaForm({
    initial: EMPTY,
    schema: createUserSchema,
  });
  const [created, setCreated] = useState<string | null>(null);

  const submit = handleSubmit(
    (input) =>
      create.mutate(input, {
        onSuccess: (account) => {
          reset();
          setCreated(`User ${account.username} created.`);
        },
        onError: (error) => setErrors(refusalFieldErrors(error, FIELDS)),
      }),
    { before: () => setCreated(null) },
  );

  return (
    <form aria-labelledby="create-user-title" onSubmit={submit} noValidate>
      <h3 id="create-user-title">Add a user</h3>
      <div className="form-row">
        <TextField
          id="create-user-username"
          label="Username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          hint="Lower-case letters, digits, . _ -"
          value={draft.username}
          onValueChange={setField('username')}
          error={errors.username}
        />
        <TextField
          id="create-user-display-name"
          label="Display name"
          autoComplete="off"
          value={draft.displayName}
          onValueChange={setField('displayName')}
          error={errors.displayName}
        />
        <SelectField
          id="create-user-role"
          label="Role"
          options={ROLE_OPTIONS}
          value={draft.role}
          onValueChange={setField('role')}
          error={errors.role}
        />
        <TextField
          id="create-user-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
          value={draft.password}
          onValueChange={setField('password')}
          error={errors.password}
        />
        <div className="form-actions">
          <button className="button button--primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          Could not add the user: {errors.form}
        </p>
      )}
      {created && (
        <p className="page__status" role="status">
          {created}
        </p>
      )}
    </form>
  );
}
