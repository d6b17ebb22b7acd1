import type { AuthResponse, Role, User } from '@vigil/shared';

const DISPLAY_NAMES: Record<Role, string> = {
  nurse: 'Nora Nurse',
  physician: 'Phil Physician',
  auditor: 'Audrey Auditor',
  admin: 'Ada Admin',
};

export function aUser(role: Role = 'nurse', overrides: Partial<User> = {}): User {
  return {
    id: `user-${role}`,
    username: role,
    displayName: DISPLAY_NAMES[role],
    role,
    ...overrides,
  };
}

/** A login answer whose token names the role, valid for 15 minutes from `now`. */
export function anAuthResponse(
  role: Role = 'nurse',
  { now = Date.now(), token = `token-${role}` }: { now?: number; token?: string } = {},
): AuthResponse {
  return {
    accessToken: token,
    expiresAt: new Date(now + 15 * 60_000).toISOString(),
    user: aUser(role),
  };
}
