import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ROLES, type Role } from '@vigil/shared';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers, tokensByRole } from '../../test/test-users';
import { actorOf, systemPrincipal } from './principal';
import { DevicesService } from '../devices/devices.service';

type Caller = 'anonymous' | Role | 'device';
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

const PUBLIC = 'public' as const;
const READERS: Caller[] = ['nurse', 'physician', 'auditor'];
const CLINICIANS: Caller[] = ['nurse', 'physician'];

/**
 * The whole permission model, route by route. A route missing here fails the completeness test,
 * so every new route must be given its rule on purpose.
 */
const MATRIX: Array<[Method, string, Caller[] | typeof PUBLIC]> = [
  ['GET', '/api/v1/health', PUBLIC],
  ['GET', '/metrics', PUBLIC],
  ['POST', '/api/v1/auth/login', PUBLIC],
  ['POST', '/api/v1/auth/refresh', [...ROLES]],
  ['POST', '/api/v1/auth/logout', [...ROLES]],
  ['GET', '/api/v1/auth/me', [...ROLES]],
  ['POST', '/api/v1/users', ['admin']],
  ['GET', '/api/v1/users', ['admin']],
  ['PATCH', '/api/v1/users/:id', ['admin']],
  ['POST', '/api/v1/devices', ['admin']],
  ['GET', '/api/v1/devices', ['admin']],
  ['POST', '/api/v1/devices/:id/revoke', ['admin']],
  ['POST', '/api/v1/patients', CLINICIANS],
  ['GET', '/api/v1/patients/:id', READERS],
  ['POST', '/api/v1/sessions', CLINICIANS],
  ['GET', '/api/v1/sessions', READERS],
  ['GET', '/api/v1/sessions/:id', READERS],
  ['POST', '/api/v1/sessions/:sessionId/vitals', [...CLINICIANS, 'device']],
  ['GET', '/api/v1/sessions/:sessionId/vitals', READERS],
  ['GET', '/api/v1/sessions/:sessionId/vitals/trend', READERS],
  ['POST', '/api/v1/sessions/:id/assessment', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/override', ['physician']],
  ['POST', '/api/v1/sessions/:id/start', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/pause', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/resume', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/stop', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/discharge', CLINICIANS],
  ['GET', '/api/v1/sessions/:id/discharge-readiness', READERS],
  ['GET', '/api/v1/schedule', READERS],
  ['POST', '/api/v1/sessions/:id/abort', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/observations', CLINICIANS],
  ['POST', '/api/v1/sessions/:id/interventions', CLINICIANS],
  ['GET', '/api/v1/sessions/:id/log', READERS],
  ['GET', '/api/v1/sessions/:id/log.csv', READERS],
  ['GET', '/api/v1/sessions/:id/report.pdf', READERS],
  ['GET', '/api/v1/alerts', READERS],
  ['POST', '/api/v1/alerts/:id/acknowledge', CLINICIANS],
  ['GET', '/api/v1/threshold-profiles', [...ROLES]],
  ['PUT', '/api/v1/threshold-profiles/:id', ['physician']],
  ['POST', '/api/v1/threshold-profiles/preview', ['physician']],
  ['GET', '/api/v1/threshold-profiles/preview/sessions', ['physician']],
  ['GET', '/api/v1/sessions/:id/limits', READERS],
  ['PUT', '/api/v1/sessions/:id/limits', ['physician']],
  ['GET', '/api/v1/audit', ['auditor', 'admin']],
  ['GET', '/api/v1/audit/verify', ['auditor', 'admin']],
  ['GET', '/api/v1/bays', [...ROLES]],
];

const CALLERS: Caller[] = ['anonymous', ...ROLES, 'device'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every controller route Nest registered, as `METHOD /full/path`. */
function registeredRoutes(app: NestExpressApplication): string[] {
  const scanner = new MetadataScanner();
  return [...app.get(ModulesContainer).values()]
    .flatMap((module) => [...module.controllers.values()])
    .flatMap(({ metatype, instance }) => {
      if (!metatype || !instance) return [];
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prefix = base === 'metrics' ? '' : '/api/v1';
      return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
        const handler = (instance as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) return [];
        const full = [prefix, base, path].filter((part) => part && part !== '/').join('/');
        return [`${RequestMethod[method]} /${full}`.replace(/\/+/g, '/')];
      });
    });
}

describe.each(testDatabases())('permission matrix on $name', (database) => {
  let app: NestExpressApplication;
  let credentials: Record<Exclude<Caller, 'anonymous'>, [string, string]>;

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    const tokens = await tokensByRole(app);
    const device = await app
      .get(DevicesService)
      .register(actorOf(systemPrincipal('test')), { label: 'Matrix monitor' });
    credentials = {
      ...(Object.fromEntries(
        ROLES.map((role) => [role, ['Authorization', `Bearer ${tokens[role]}`]]),
      ) as Record<Role, [string, string]>),
      device: ['X-Device-Key', device.apiKey],
    };
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('covers every registered route', () => {
    expect(registeredRoutes(app).sort()).toEqual(
      MATRIX.map(([method, path]) => `${method} ${path}`).sort(),
    );
  });

  it.each(MATRIX)('%s %s', async (method, path, allowed) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const caller of CALLERS) {
      const url = path.replace(/:\w+/g, UNKNOWN_ID);
      let call = request(app.getHttpServer())[method.toLowerCase() as Lowercase<Method>](url);
      if (caller !== 'anonymous') {
        // Logging out would end the shared login: that route gets a login of its own.
        const header =
          path.endsWith('/logout') && caller !== 'device'
            ? (['Authorization', `Bearer ${await login(app, caller)}`] as [string, string])
            : credentials[caller];
        call = call.set(...header);
      }
      const { status } = await call.send({});
      const outcome = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'allowed';
      outcomes.push(`${caller}: ${outcome}`);
      const isAllowed = allowed === PUBLIC || allowed.includes(caller);
      expected.push(
        `${caller}: ${isAllowed ? 'allowed' : caller === 'anonymous' ? 'unauthenticated' : 'forbidden'}`,
      );
    }
    expect(outcomes).toEqual(expected);
  });
});
