import type { UserAccount } from '@vigil/shared';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';

export type AccountState = 'active' | 'disabled' | 'locked';

export function isLocked(account: Pick<UserAccount, 'lockedUntil'>, now: number): boolean {
  return account.lockedUntil !== null && Date.parse(account.lockedUntil) > now;
}

/** The account's state in words: "Active", "Disabled", "Locked until 2026-11-25 10:15:00". */
export function describeAccountState(
  account: Pick<UserAccount, 'disabled' | 'lockedUntil'>,
  now: number,
): { state: AccountState; text: string } {
  const until =
    account.lockedUntil !== null && isLocked(account, now)
      ? formatLocalDateTime(account.lockedUntil)
      : null;
  if (account.disabled) {
    return { state: 'disabled', text: until ? `Disabled; locked until ${until}` : 'Disabled' };
  }
  if (until) return { state: 'locked', text: `Locked until ${until}` };
  return { state: 'active', text: 'Active' };
}
