import { ROLES, type Role, type UpdateUserInput, type UserAccount } from '@vigil/shared';
import { useState } from 'react';
import { roleLabel } from '../../auth/utils/role-labels';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useUpdateUser } from '../hooks/use-users';
import { describeAccountState } from '../utils/user-status';
import { ResetPasswordForm } from './reset-password-form';

interface UserRowProps {
  account: UserAccount;
  /** The signed-in admin: may not demote or disable themself from here. */
  isSelf: boolean;
  now: number;
}

export function UserRow({ account, isSelf, now }: UserRowProps) {
  const update = useUpdateUser();
  const [draftRole, setDraftRole] = useState<Role | null>(null);
  const [resettingPassword, setResettingPassword] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { username } = account;
  const shownRole = draftRole ?? account.role;
  const status = describeAccountState(account, now);
  const roleSelectId = `user-${account.id}-role`;

  const save = (changes: UpdateUserInput, done: string) => {
    setNotice(null);
    update.mutate(
      { userId: account.id, changes },
      {
        onSuccess: () => {
          setDraftRole(null);
          setNotice(done);
        },
      },
    );
  };

  return (
    <tr data-testid={`user-row-${username}`}>
      <th scope="row">
        {username}
        {isSelf && ' (you)'}
      </th>
      <td>{account.displayName}</td>
      <td>
        <div className="row-actions">
          <label className="visually-hidden" htmlFor={roleSelectId}>
            Role of {username}
          </label>
          <select
            id={roleSelectId}
            value={shownRole}
            onChange={(event) => setDraftRole(event.target.value as Role)}
            disabled={isSelf || update.isPending}
            title={isSelf ? 'You cannot change your own role' : undefined}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
          {draftRole !== null && draftRole !== account.role && (
            <>
              <button
                className="button"
                type="button"
                disabled={update.isPending}
                onClick={() =>
                  save({ role: draftRole }, `${username} is now ${roleLabel(draftRole)}.`)
                }
              >
                Change role<span className="visually-hidden"> of {username}</span>
              </button>
              <button className="button" type="button" onClick={() => setDraftRole(null)}>
                Keep<span className="visually-hidden"> the role of {username}</span>
              </button>
            </>
          )}
        </div>
      </td>
      <td>
        <span className={`account-state account-state--${status.state}`}>{status.text}</span>
      </td>
      <td>
        <div className="row-actions">
          <button
            className="button"
            type="button"
            disabled={isSelf || update.isPending}
            title={isSelf ? 'You cannot disable your own account' : undefined}
            onClick={() =>
              save(
                { disabled: !account.disabled },
                `${username} ${account.disabled ? 'may sign in again' : 'can no longer sign in'}.`,
              )
            }
          >
            {account.disabled ? 'Enable' : 'Disable'}
            <span className="visually-hidden"> {username}</span>
          </button>
          {!resettingPassword && (
            <button
              className="button"
              type="button"
              onClick={() => {
                setNotice(null);
                setResettingPassword(true);
              }}
            >
              Reset password<span className="visually-hidden"> of {username}</span>
            </button>
          )}
        </div>
        {resettingPassword && (
          <ResetPasswordForm
            account={account}
            onDone={(message) => {
              setResettingPassword(false);
              if (message) setNotice(message);
            }}
          />
        )}
        {update.isError && (
          <ErrorNotice title={`Could not update ${username}`} error={update.error} />
        )}
        {notice && (
          <p className="page__status" role="status">
            {notice}
          </p>
        )}
      </td>
    </tr>
  );
}
