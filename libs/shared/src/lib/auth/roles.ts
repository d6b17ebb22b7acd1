export const ROLES = ['nurse', 'physician', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may record clinical facts; auditors read everything and change nothing. */
export const CLINICAL_ROLES: readonly Role[] = ['nurse', 'physician'];
export const ALL_ROLES: readonly Role[] = ROLES;

/** Where each role lands after login. */
export const ROLE_HOME: Record<Role, string> = {
  nurse: '/ward',
  physician: '/alerts',
  auditor: '/audit',
  admin: '/admin',
};
