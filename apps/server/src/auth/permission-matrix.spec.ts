import type { NestExpressApplication } from '@nestjs/platform-express';
import { ROLES, type Role } from '@vigil/shared';
import request from 'supertest';
import { CLEAN_ASSESSMENT } from '../../test/clinical';
import {
  type RegisteredRoute,
  registeredRoutes,
  routeKey,
} from '../../test/fuzz/registered-routes';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login, seedUsers, tokensByRole } from '../../test/test-users';
import { DevicesService } from '../devices/devices.service';
import { actorOf, systemPrincipal } from './principal';

/**
 * Everyone who can knock: no credentials, each role's token, the bedside monitor of the bay the
 * session is in, a monitor of another bay, and a monitor whose key an admin revoked.
 */
const CALLERS = [
  'anonymous',
  ...ROLES,
  'bay device',
  'other bay device',
  'revoked device',
] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'allowed' | 'unauthenticated' | 'forbidden';

/**
 * Who may do what, in the contract's words ("Auth and roles"), written here independently of the
 * server's own role groups so that a change to those shows up as a failure. Auditors read
 * everything and change nothing; only physicians make clinical decisions and change limits; only
 * admins manage users and devices, and admins see no patient data.
 */
const WHO_MAY = {
  anyone: 'public',
  useTheirOwnLogin: [...ROLES],
  seeTheWard: [...ROLES],
  readPatientData: ['nurse', 'physician', 'auditor'],
  recordCare: ['nurse', 'physician'],
  sendReadings: ['nurse', 'physician', 'bay device'],
  decideClinically: ['physician'],
  manageTheSystem: ['admin'],
  readTheAuditTrail: ['auditor', 'admin'],
  reviewAlarmLoad: ['physician', 'auditor'],
} as const satisfies Record<string, readonly Caller[] | 'public'>;
type Permission = keyof typeof WHO_MAY;

/**
 * Every route and the permission it needs. A route the server registers without an entry here,
 * or an entry for a route it no longer has, fails the first test, so each new route is given its
 * rule on purpose. A key ending in `*` covers every route under that path.
 */
const ROUTE_PERMISSIONS: Record<string, Permission> = {
  'GET /api/docs*': 'anyone',
  'GET /api/v1/health': 'anyone',
  'POST /api/v1/auth/login': 'anyone',
  'POST /api/v1/auth/refresh': 'useTheirOwnLogin',
  'POST /api/v1/auth/logout': 'useTheirOwnLogin',
  'GET /api/v1/auth/me': 'useTheirOwnLogin',
  'POST /api/v1/users': 'manageTheSystem',
  'GET /api/v1/users': 'manageTheSystem',
  'PATCH /api/v1/users/:id': 'manageTheSystem',
  'POST /api/v1/devices': 'manageTheSystem',
  'GET /api/v1/devices': 'manageTheSystem',
  'POST /api/v1/devices/:id/revoke': 'manageTheSystem',
  'GET /api/v1/bays': 'seeTheWard',
  'POST /api/v1/patients': 'recordCare',
  'GET /api/v1/patients/:id': 'readPatientData',
  'POST /api/v1/sessions': 'recordCare',
  'GET /api/v1/sessions': 'readPatientData',
  'GET /api/v1/sessions/:id': 'readPatientData',
  'GET /api/v1/schedule': 'readPatientData',
  'POST /api/v1/sessions/:sessionId/vitals': 'sendReadings',
  'GET /api/v1/sessions/:sessionId/vitals': 'readPatientData',
  'GET /api/v1/sessions/:sessionId/vitals/trend': 'readPatientData',
  'POST /api/v1/sessions/:id/assessment': 'recordCare',
  'POST /api/v1/sessions/:id/override': 'decideClinically',
  'POST /api/v1/sessions/:id/order': 'decideClinically',
  'POST /api/v1/sessions/:id/start': 'recordCare',
  'POST /api/v1/sessions/:id/pause': 'recordCare',
  'POST /api/v1/sessions/:id/resume': 'recordCare',
  'POST /api/v1/sessions/:id/stop': 'recordCare',
  'POST /api/v1/sessions/:id/discharge': 'recordCare',
  'GET /api/v1/sessions/:id/discharge-readiness': 'readPatientData',
  'POST /api/v1/sessions/:id/abort': 'recordCare',
  'POST /api/v1/sessions/:id/observations': 'recordCare',
  'POST /api/v1/sessions/:id/interventions': 'recordCare',
  'GET /api/v1/sessions/:id/log': 'readPatientData',
  'GET /api/v1/sessions/:id/log.csv': 'readPatientData',
  'GET /api/v1/sessions/:id/report.pdf': 'readPatientData',
  'GET /api/v1/sessions/:id/limits': 'readPatientData',
  'PUT /api/v1/sessions/:id/limits': 'decideClinically',
  'GET /api/v1/alerts': 'readPatientData',
  'POST /api/v1/alerts/:id/acknowledge': 'recordCare',
  'GET /api/v1/alerts/:id/deliveries': 'readPatientData',
  'POST /api/v1/alerts/:id/seen': 'recordCare',
  'GET /api/v1/bays/alarm-suspends': 'seeTheWard',
  'POST /api/v1/bays/:bay/alarm-suspend': 'recordCare',
  'DELETE /api/v1/bays/:bay/alarm-suspend': 'recordCare',
  'GET /api/v1/duty': 'readPatientData',
  'PUT /api/v1/duty/charge-nurse': 'recordCare',
  'PUT /api/v1/sessions/:id/assignment': 'recordCare',
  'GET /api/v1/analytics/alarms': 'reviewAlarmLoad',
  'GET /api/v1/threshold-profiles': 'seeTheWard',
  'PUT /api/v1/threshold-profiles/:id': 'decideClinically',
  'POST /api/v1/threshold-profiles/preview': 'decideClinically',
  'GET /api/v1/threshold-profiles/preview/sessions': 'decideClinically',
  'GET /api/v1/audit': 'readTheAuditTrail',
  'GET /api/v1/audit/verify': 'readTheAuditTrail',
  'GET /api/v1/clinicians': 'readPatientData',
  'GET /api/v1/patients': 'readPatientData',
  'PUT /api/v1/sessions/:id/bay': 'recordCare',
  'POST /api/v1/sessions/:id/outcomes': 'recordCare',
  'GET /api/v1/sessions/:id/outcomes': 'readPatientData',
  'POST /api/v1/sessions/:id/pump-events': 'recordCare',
  'GET /api/v1/sessions/:id/pump-events': 'readPatientData',
  'POST /api/v1/sessions/:id/ketamine/draw': 'recordCare',
  'POST /api/v1/sessions/:id/ketamine/waste': 'recordCare',
  'GET /api/v1/sessions/:id/ketamine': 'readPatientData',
  'GET /api/v1/patients/:id/course': 'readPatientData',
  'GET /api/v1/patients/:id/course.pdf': 'readPatientData',
  'PUT /api/v1/patients/:id/course': 'decideClinically',
  'GET /api/v1/follow-ups': 'readPatientData',
  'POST /api/v1/follow-ups/:id/done': 'recordCare',
  'POST /api/v1/sessions/:id/adverse-events': 'recordCare',
  'GET /api/v1/sessions/:id/adverse-events': 'readPatientData',
  'POST /api/v1/sessions/:id/discharge-instructions': 'recordCare',
  'GET /api/v1/fhir/r4/metadata': 'anyone',
  'GET /api/v1/fhir/r4/Patient/:id': 'readPatientData',
  'GET /api/v1/fhir/r4/Encounter/:id': 'readPatientData',
  'GET /api/v1/fhir/r4/Observation': 'readPatientData',
};

function permissionOf(route: RegisteredRoute): Permission | undefined {
  const key = routeKey(route);
  return (
    ROUTE_PERMISSIONS[key] ??
    Object.entries(ROUTE_PERMISSIONS).find(
      ([pattern]) => pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)),
    )?.[1]
  );
}

function expectedOutcome(permission: Permission, caller: Caller): Outcome {
  const allowed = WHO_MAY[permission];
  if (allowed === 'public' || (allowed as readonly Caller[]).includes(caller)) return 'allowed';
  return caller === 'anonymous' || caller === 'revoked device' ? 'unauthenticated' : 'forbidden';
}

const isWrite = (key: string) => !key.startsWith('GET ');
/** Routes whose answer carries a patient's data, by where they sit. */
const holdsPatientData = (key: string) =>
  /^\w+ \/api\/v1\/(patients|sessions|schedule|alerts|clinicians|follow-ups|threshold-profiles\/preview|fhir\/r4\/(Patient|Encounter|Observation))\b/.test(
    key,
  );

describe('the declared permissions', () => {
  it('let auditors change nothing but their own login', () => {
    const auditorWrites = Object.entries(ROUTE_PERMISSIONS)
      .filter(([key, permission]) => isWrite(key) && permission !== 'useTheirOwnLogin')
      .filter(([, permission]) => expectedOutcome(permission, 'auditor') === 'allowed')
      .map(([key]) => key);
    expect(auditorWrites).toEqual(['POST /api/v1/auth/login']);
  });

  it('show admins no patient data and let them change no clinical limit', () => {
    const adminClinical = Object.entries(ROUTE_PERMISSIONS)
      .filter(([key]) => holdsPatientData(key) || /limits|threshold-profiles\/:id/.test(key))
      .filter(([, permission]) => expectedOutcome(permission, 'admin') === 'allowed')
      .map(([key]) => key);
    expect(adminClinical).toEqual([]);
  });

  it('let a bedside device do nothing but send its bay readings', () => {
    const deviceRoutes = Object.entries(ROUTE_PERMISSIONS)
      .filter(([, permission]) => permission !== 'anyone')
      .filter(([, permission]) => expectedOutcome(permission, 'bay device') === 'allowed')
      .map(([key]) => key);
    expect(deviceRoutes).toEqual(['POST /api/v1/sessions/:sessionId/vitals']);
  });
});

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SESSION_BAY = 'Matrix 1';

describe.each(testDatabases())('permission matrix on $name', (database) => {
  let app: NestExpressApplication;
  let routes: RegisteredRoute[];
  let sessionId: string;
  let patientId: string;
  let headers: Record<Exclude<Caller, 'anonymous'>, [string, string]>;

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    const tokens = await tokensByRole(app);
    const physician = apiAs(app, tokens.physician);
    patientId = (
      await physician
        .post('/patients')
        .send({ mrn: 'MATRIX-1', displayName: 'Matrix Patient', weightKg: 70 })
        .expect(201)
    ).body.id;
    sessionId = (
      await physician
        .post('/sessions')
        .send({ patientId, bay: SESSION_BAY, indication: 'depression', doseMgPerKg: 0.5 })
        .expect(201)
    ).body.id;
    await physician.post(`/sessions/${sessionId}/assessment`).send(CLEAN_ASSESSMENT).expect(200);

    const devices = app.get(DevicesService);
    const system = actorOf(systemPrincipal('test'));
    const bayDevice = await devices.register(system, { label: 'Bay monitor', bay: SESSION_BAY });
    const otherBay = await devices.register(system, { label: 'Next bay', bay: 'Matrix 2' });
    const revoked = await devices.register(system, { label: 'Retired', bay: SESSION_BAY });
    await devices.revoke(system, revoked.id);
    headers = {
      ...(Object.fromEntries(
        ROLES.map((role) => [role, ['Authorization', `Bearer ${tokens[role]}`]]),
      ) as Record<Role, [string, string]>),
      'bay device': ['X-Device-Key', bayDevice.apiKey],
      'other bay device': ['X-Device-Key', otherBay.apiKey],
      'revoked device': ['X-Device-Key', revoked.apiKey],
    };
    routes = registeredRoutes(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('has a declared permission for every registered route, and no more', () => {
    const keys = routes.map(routeKey);
    expect(routes.filter((route) => !permissionOf(route)).map(routeKey)).toEqual([]);
    const exact = Object.keys(ROUTE_PERMISSIONS).filter((key) => !key.endsWith('*'));
    expect(exact.filter((key) => !keys.includes(key))).toEqual([]);
  });

  /** A real, assessed session where a route names one, so a monitor's bay scope is exercised. */
  function urlOf(path: string): string {
    return path
      .replace(/\/sessions\/:(id|sessionId)/, `/sessions/${sessionId}`)
      .replace(/\/patients\/:id/, `/patients/${patientId}`)
      .replace(/:\w+/g, UNKNOWN_ID);
  }

  /** A body that passes validation where the refusal under test comes after it (a bay's scope). */
  function bodyOf(key: string): object {
    return key === 'POST /api/v1/sessions/:sessionId/vitals'
      ? { samples: [{ at: new Date().toISOString(), spo2: 97, heartRate: 70 }] }
      : {};
  }

  it('answers every route and caller as declared', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      const key = routeKey(route);
      const permission = permissionOf(route);
      if (!permission) continue;
      for (const caller of CALLERS) {
        let call = request(app.getHttpServer())[
          route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        ](urlOf(route.path));
        if (caller !== 'anonymous') {
          // Logging out would end the shared login: that route gets a login of its own.
          const header: [string, string] =
            key.endsWith('/logout') && (ROLES as readonly string[]).includes(caller)
              ? ['Authorization', `Bearer ${await login(app, caller)}`]
              : headers[caller];
          call = call.set(...header);
        }
        const { status } = await call.send(bodyOf(key));
        outcomes.push(`${key} as ${caller}: ${outcomeOf(status)}`);
        expected.push(`${key} as ${caller}: ${expectedOutcome(permission, caller)}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

/** A throttled call is named as such: it proves nothing about permissions either way. */
function outcomeOf(status: number): Outcome | `status ${number}` {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429 || status >= 500) return `status ${status}`;
  return 'allowed';
}
