import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useNow } from '../../ui/hooks/use-now';
import { useUsers } from '../hooks/use-users';
import { CreateUserForm } from './create-user-form';
import { UserRow } from './user-row';

export function UsersSection() {
  const { data: users, error, isPending } = useUsers();
  const currentUser = useCurrentUser();
  const now = useNow();
  return (
    <section className="page__section" aria-labelledby="users-section-title">
      <h2 id="users-section-title">Users</h2>
      <CreateUserForm />
      {error && <ErrorNotice title="Could not load users" error={error} />}
      {isPending && (
        <p className="page__status" role="status">
          Loading users…
        </p>
      )}
      {users && (
        <div className="data-table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">User accounts</caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((account) => (
                <UserRow
                  key={account.id}
                  account={account}
                  isSelf={account.id === currentUser.id}
                  now={now}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
