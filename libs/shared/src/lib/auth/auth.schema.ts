import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { ROLES, type Role } from './roles';

export const PASSWORD_MIN_LENGTH = 12;

export const loginSchema = z.strictObject({
  username: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters'),
  password: z
    .string({ error: expecting('must be a string') })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters'),
});
export type LoginInput = z.input<typeof loginSchema>;

const username = z
  .string({ error: expecting('must be a string') })
  .trim()
  .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3–64 characters: lower-case letters, digits, . _ -');
const displayName = z
  .string({ error: expecting('must be a string') })
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');
const password = z
  .string({ error: expecting('must be a string') })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'must be at most 256 characters');
const role = z.enum(ROLES, { error: expecting(`must be one of ${ROLES.join(', ')}`) });

export const createUserSchema = z.strictObject({ username, displayName, role, password });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    displayName: displayName.optional(),
    role: role.optional(),
    disabled: z.boolean({ error: expecting('must be true or false') }).optional(),
    password: password.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'must change at least one field');
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** A nurse or physician to assign to a session (`GET /clinicians`): a name to pick, no more. */
export interface Clinician {
  id: string;
  displayName: string;
  role: 'nurse' | 'physician';
}

export interface UserAccount extends User {
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface AuthResponse {
  accessToken: string;
  /** When the access token expires; refresh before (POST /auth/refresh). */
  expiresAt: string;
  user: User;
}
