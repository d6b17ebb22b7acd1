import { useMutation } from '@tanstack/react-query';
import { loginSchema, type LoginInput } from '@vigil/shared';
import { useId, useState, type FormEvent } from 'react';
import { apiClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { TextField } from '../../ui/components/form-field';
import { issuesToFieldErrors, type FieldErrors } from '../../ui/forms/field-errors';
import { authStore } from '../state/auth-store';
import './login-screen.css';

type LoginField = keyof LoginInput;

const EMPTY: Required<LoginInput> = { username: '', password: '' };

function describeLoginError(error: unknown): string {
  if (error instanceof ApiError && error.statusCode === 429) {
    return 'Too many sign-in attempts. Wait a minute, then try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

interface LoginScreenProps {
  /** Said above the form, e.g. why the previous login ended. */
  notice?: string;
}

/** Signs in; the login route then sends the user on to their page. */
export function LoginScreen({ notice }: LoginScreenProps) {
  const id = useId();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<LoginField>>({});
  const login = useMutation({
    mutationFn: (input: LoginInput) => apiClient.login(input),
    onSuccess: (response) => authStore.signIn(response),
    // A wrong password is typed again from scratch.
    onError: () => setValues((current) => ({ ...current, password: '' })),
  });

  const setField = (field: LoginField) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    login.mutate(parsed.data);
  };

  return (
    <main className="login-screen" aria-labelledby={`${id}-title`}>
      <form className="login-screen__form" onSubmit={submit} noValidate>
        <h1 id={`${id}-title`}>Vigil — sign in</h1>
        {notice && (
          <p className="login-screen__notice" role="status">
            {notice}
          </p>
        )}
        <TextField
          id={`${id}-username`}
          label="Username"
          value={values.username}
          onValueChange={setField('username')}
          error={errors.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          id={`${id}-password`}
          label="Password"
          type="password"
          value={values.password}
          onValueChange={setField('password')}
          error={errors.password}
          autoComplete="current-password"
          required
        />
        {login.isError && (
          <p className="form-error" role="alert">
            {describeLoginError(login.error)}
          </p>
        )}
        <button className="button button--primary" type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
