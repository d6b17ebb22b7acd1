import type { INestApplication } from '@nestjs/common';
import { ROLES, type Role } from '@vigil/shared';
import request from 'supertest';
import { actorOf, systemPrincipal } from '../src/auth/principal';
import { UnitOfWork } from '../src/database/unit-of-work';
import { UsersService } from '../src/users/users.service';

export const TEST_PASSWORD = 'correct horse battery staple';

/** One user per role, named after it (`nurse`, `physician`, …), created as first start would. */
export async function seedUsers(app: INestApplication): Promise<void> {
  const users = app.get(UsersService);
  await app.get(UnitOfWork).run(async (manager) => {
    for (const role of ROLES) {
      await users.ensure(manager, actorOf(systemPrincipal('test')), {
        username: role,
        displayName: `Test ${role}`,
        role,
        password: TEST_PASSWORD,
      });
    }
  });
}

export async function login(
  app: INestApplication,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const reply = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ username, password })
    .expect(200);
  return reply.body.accessToken as string;
}

/** Bearer tokens for every role, logged in once per test file. */
export async function tokensByRole(app: INestApplication): Promise<Record<Role, string>> {
  const entries = await Promise.all(
    ROLES.map(async (role) => [role, await login(app, role)] as const),
  );
  return Object.fromEntries(entries) as Record<Role, string>;
}

/** Calls under /api/v1 as one of the logged-in roles. */
export function apiAs(app: INestApplication, token: string) {
  const call = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    request(app.getHttpServer())[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => call('get', path),
    post: (path: string) => call('post', path),
    put: (path: string) => call('put', path),
    patch: (path: string) => call('patch', path),
    delete: (path: string) => call('delete', path),
  };
}
