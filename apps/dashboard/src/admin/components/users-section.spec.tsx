import type { UserAccount } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { UsersSection } from './users-section';

function anAccount(overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    id: 'user-nurse',
    username: 'nurse',
    displayName: 'Nora Nurse',
    role: 'nurse',
    disabled: false,
    lockedUntil: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

function installUserApi() {
  let users: UserAccount[] = [
    anAccount({ id: 'user-admin', username: 'admin', displayName: 'Ada Admin', role: 'admin' }),
    anAccount(),
    anAccount({
      id: 'user-locked',
      username: 'locked',
      displayName: 'Lou Locked',
      lockedUntil: new Date(Date.now() + 10 * 60_000).toISOString(),
    }),
  ];
  return installFakeFetch({
    'GET /users': () => jsonResponse(200, users),
    'POST /users': ({ body }) => {
      const { username } = body as { username: string };
      if (users.some((user) => user.username === username)) {
        return nestError(409, `username ${username} is taken`, 'Conflict', {
          code: 'USERNAME_TAKEN',
        });
      }
      const created = anAccount({ ...(body as Partial<UserAccount>), id: `user-${username}` });
      users = [...users, created];
      return jsonResponse(201, created);
    },
    'PATCH /users/user-nurse': ({ body }) => {
      const updated = { ...users[1]!, ...(body as Partial<UserAccount>) };
      users = users.map((user) => (user.id === updated.id ? updated : user));
      return jsonResponse(200, updated);
    },
  });
}

function fillCreateForm(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
  fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
}

describe('UsersSection', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('admin'));
  });

  it('lists each user with name, role and state, a locked one with until when', async () => {
    installUserApi();
    renderWithProviders(<UsersSection />);

    const nurse = await screen.findByTestId('user-row-nurse');
    expect(nurse).toHaveTextContent('Nora Nurse');
    expect(within(nurse).getByLabelText('Role of nurse')).toHaveValue('nurse');
    expect(nurse).toHaveTextContent('Active');
    expect(screen.getByTestId('user-row-locked')).toHaveTextContent(/Locked until \d{4}-/);
  });

  it('names each invalid field beside it and creates nothing', async () => {
    const fetchMock = installUserApi();
    renderWithProviders(<UsersSection />);
    await screen.findByTestId('user-row-nurse');

    fillCreateForm({ Username: 'Bad Name', 'Display name': ' ', Password: 'short' });

    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
      expect.stringContaining('Username must be 3–64 characters'),
    );
    expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(
      'Display name must not be empty',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining('Password must be at least 12 characters'),
    );
    expect(screen.getByLabelText('Role')).not.toHaveAttribute('aria-invalid');
    expect(requestsTo(fetchMock, 'POST /users')).toHaveLength(0);
  });

  it('creates a user and adds it to the list', async () => {
    const fetchMock = installUserApi();
    renderWithProviders(<UsersSection />);
    await screen.findByTestId('user-row-nurse');

    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'physician' } });
    fillCreateForm({
      Username: 'dr.who',
      'Display name': 'Dr Who',
      Password: 'correct horse battery',
    });

    expect(await screen.findByText('User dr.who created.')).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /users')[0]?.body).toEqual({
      username: 'dr.who',
      displayName: 'Dr Who',
      role: 'physician',
      password: 'correct horse battery',
    });
    expect(await screen.findByTestId('user-row-dr.who')).toHaveTextContent('Dr Who');
    expect(screen.getByLabelText('Username')).toHaveValue('');
  });

  it('shows a duplicate username beside the username field', async () => {
    installUserApi();
    renderWithProviders(<UsersSection />);
    await screen.findByTestId('user-row-nurse');

    fillCreateForm({
      Username: 'nurse',
      'Display name': 'Another Nurse',
      Password: 'correct horse battery',
    });

    await waitFor(() =>
      expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
        expect.stringContaining('Username is taken: choose another'),
      ),
    );
  });

  it('changes a user’s role only when asked to', async () => {
    const fetchMock = installUserApi();
    renderWithProviders(<UsersSection />);
    const row = await screen.findByTestId('user-row-nurse');

    fireEvent.change(within(row).getByLabelText('Role of nurse'), {
      target: { value: 'physician' },
    });
    expect(requestsTo(fetchMock, 'PATCH /users/user-nurse')).toHaveLength(0);
    fireEvent.click(within(row).getByRole('button', { name: 'Change role of nurse' }));

    expect(await within(row).findByText('nurse is now Physician.')).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'PATCH /users/user-nurse')[0]?.body).toEqual({
      role: 'physician',
    });
    expect(within(row).getByLabelText('Role of nurse')).toHaveValue('physician');
  });

  it('disables and enables an account', async () => {
    const fetchMock = installUserApi();
    renderWithProviders(<UsersSection />);
    const row = await screen.findByTestId('user-row-nurse');

    fireEvent.click(within(row).getByRole('button', { name: 'Disable nurse' }));
    expect(await within(row).findByRole('button', { name: 'Enable nurse' })).toBeInTheDocument();
    expect(row).toHaveTextContent('Disabled');
    expect(requestsTo(fetchMock, 'PATCH /users/user-nurse')[0]?.body).toEqual({ disabled: true });
  });

  it('resets a password, checked against the shared rule first', async () => {
    const fetchMock = installUserApi();
    renderWithProviders(<UsersSection />);
    const row = await screen.findByTestId('user-row-nurse');

    fireEvent.click(within(row).getByRole('button', { name: 'Reset password of nurse' }));
    const form = within(row).getByRole('form', { name: 'Reset password of nurse' });
    const field = within(form).getByLabelText('New password');
    fireEvent.change(field, { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save password' }));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('New password must be at least 12 characters'),
    );
    expect(requestsTo(fetchMock, 'PATCH /users/user-nurse')).toHaveLength(0);

    fireEvent.change(field, { target: { value: 'a much longer passphrase' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save password' }));
    expect(await within(row).findByText('New password set for nurse.')).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'PATCH /users/user-nurse')[0]?.body).toEqual({
      password: 'a much longer passphrase',
    });
  });

  it('does not let the signed-in admin demote or disable themself', async () => {
    installUserApi(); // signed in as user-admin, the first row
    renderWithProviders(<UsersSection />);
    const row = await screen.findByTestId('user-row-admin');

    expect(row).toHaveTextContent('admin (you)');
    expect(within(row).getByLabelText('Role of admin')).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Disable admin' })).toBeDisabled();
  });

  it('says plainly when the server does not allow listing users', async () => {
    installFakeFetch({ 'GET /users': () => nestError(403, 'Forbidden resource', 'Forbidden') });
    renderWithProviders(<UsersSection />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load users: Not allowed — your role may not do this (Forbidden resource)',
    );
    expect(authStore.getSnapshot().session).not.toBeNull();
  });
});
