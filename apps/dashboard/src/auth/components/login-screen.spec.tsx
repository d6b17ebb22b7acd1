import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { authStore } from '../state/auth-store';
import { LoginScreen } from './login-screen';

function renderLogin(notice?: string) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <LoginScreen notice={notice} />
    </QueryClientProvider>,
  );
}

function fillIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginScreen', () => {
  beforeEach(() => authStore.clear());

  it('names each empty field beside it and sends nothing', () => {
    const fetchMock = installFakeFetch({});
    renderLogin();
    fillIn('   ', '');

    const username = screen.getByLabelText('Username');
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('Username must not be empty');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Password must not be empty',
    );
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('signs in with the trimmed username and keeps the login in the store', async () => {
    const fetchMock = installFakeFetch({
      'POST /auth/login': () => jsonResponse(200, anAuthResponse('physician')),
    });
    renderLogin();
    fillIn(' physician ', 'demo');

    await screen.findByRole('button', { name: 'Sign in' });
    expect(requestsTo(fetchMock, 'POST /auth/login')[0]?.body).toEqual({
      username: 'physician',
      password: 'demo',
    });
    expect(authStore.getSnapshot().session?.user.role).toBe('physician');
  });

  it('shows the server’s reason in an alert and clears the password', async () => {
    installFakeFetch({
      'POST /auth/login': () =>
        nestError(401, 'account is locked until 10:15 after 5 failed attempts', 'Unauthorized'),
    });
    renderLogin();
    fillIn('nurse', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'account is locked until 10:15 after 5 failed attempts',
    );
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Username')).toHaveValue('nurse');
    expect(authStore.getSnapshot().session).toBeNull();
  });

  it('says when the server cannot be reached', async () => {
    globalThis.fetch = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    renderLogin();
    fillIn('nurse', 'demo');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Server unreachable: Failed to fetch',
    );
  });

  it('explains why the previous login ended', () => {
    renderLogin('Your session has ended. Sign in again to continue.');
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
  });
});
