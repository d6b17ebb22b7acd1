import { useMutation } from '@tanstack/react-query';
import { loginSchema, type LoginInput } from '@vigil/shared';
import { useId } from 'react';
import { apiClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { TextField } from '../../ui/components/form-field';
import { refusalSentences } from '../../ui/errors/refusal-words';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { authStore } from '../state/auth-store';
import './login-screen.css';

const EMPTY: Required<LoginInput> = { username: '', password: '' };

function describeLoginError(error: unknown): string {
  if (error instanceof ApiError && error.statusCode === 429) {
    return 'Too many sign-in attempts. Wait a minute, then try again.';
  }
  if (error instanceof ApiError && error.code === 'LOGIN_DELAYED') {
    return refusalSentences(error).join(' ');
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
  const {
    draft: values,
    setField,
    errors,
    handleSubmit,
  } = useSchemaForm({ initial: EMPTY, schema: loginSchema });
  const login = useMutation({
    mutationFn: (input: LoginInput) => apiClient.login(input),
    onSuccess: (response) => authStore.signIn(response),
    // A wrong password is typed again from scratch.
    onError: () => setField('password')(''),
  });
  const submit = handleSubmit((input) => login.mutate(input));

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
