import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@vigil/shared';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { actorOf, systemPrincipal } from '../../src/auth/principal';
import { DevicesService } from '../../src/devices/devices.service';
import { CLEAN_ASSESSMENT, postReading, RECOVERED } from '../clinical';
import { startTestApp } from '../test-app';
import { testDatabases } from '../test-databases';
import { apiAs, login, seedUsers, tokensByRole } from '../test-users';
import { hostileQuery, hostileSegment, rawBodies, spoiled, toJsonText } from './hostile-input';
import { type RegisteredRoute, registeredRoutes, routeKey } from './registered-routes';

/**
 * Generated requests against every route the server registers, on both databases: hostile path
 * parameters, query strings and bodies (NUL bytes, lone surrogates, ancient and far-future dates,
 * huge numbers, deep nesting, wrong types, prototype keys). Never a 5xx; and a refused request
 * stores nothing: no row of any table changes, and the audit trail only gains the entries that
 * record a refusal. VIGIL_FUZZ_RUNS sets the generated requests per route (default 25).
 */
const RUNS = Number(process.env['VIGIL_FUZZ_RUNS'] ?? 25);

/** Audit entries a refusal may write: it is recorded that someone was turned away. */
const REFUSAL_AUDIT_ACTIONS = new Set([
  'access.denied',
  'vitals.conflict',
  'auth.failed',
  'auth.login.failed',
  'auth.token.rejected',
  'auth.device.rejected',
]);
/**
 * State a refusal legitimately writes: the login delay counts refused passwords per account, and
 * the audit trail is checked entry by entry instead.
 */
const TABLES_A_REFUSAL_MAY_WRITE = new Set(['login_attempt', 'audit_entry', 'migrations']);

type Caller = Role | 'device' | 'anonymous';
const CALLER_PREFERENCE: Array<Exclude<Caller, 'anonymous'>> = [
  'physician',
  'nurse',
  'auditor',
  'admin',
  'device',
];
const LOGIN = 'POST /api/v1/auth/login';
/** Refused by Node's HTTP parser before the application sees the request, so without a code. */
const REFUSED_BEFORE_THE_APP = new Set([414, 431]);

interface Target {
  route: RegisteredRoute;
  caller: Caller;
  header: [string, string] | null;
  url: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** Which fixture an `:id` in a route's path names, by where it sits. */
const ID_OWNERS: Array<[string, string]> = [
  ['/sessions/:id', 'session'],
  ['/patients/', 'patient'],
  ['/users/', 'user'],
  ['/devices/', 'device'],
  ['/alerts/', 'alert'],
];

const now = () => new Date().toISOString();
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

describe.each(testDatabases())('generated hostile requests on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Record<Role, string>;
  let deviceKey: string;
  let routeNumber = 0;
  const ids: Record<string, string> = {};

  const server = () => app.getHttpServer();
  const physician = () => apiAs(app, tokens.physician);

  /** A fresh assessed session per route, so one route's accepted requests never starve another. */
  async function freshSession(bay: string): Promise<string> {
    const session = await physician()
      .post('/sessions')
      .send({ patientId: ids['patient'], bay, indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    await physician().post(`/sessions/${session.body.id}/assessment`).send(CLEAN_ASSESSMENT);
    return session.body.id as string;
  }

  /** Ends a session however far it got, so that no sweep raises alerts while other routes run. */
  async function endSession(sessionId: string): Promise<void> {
    const reason = { reason: 'fuzz run over' };
    const { body } = await physician().get(`/sessions/${sessionId}`);
    if (body.state === 'infusing')
      await physician().post(`/sessions/${sessionId}/pause`).send(reason);
    if (!['discharged', 'aborted'].includes(body.state as string)) {
      await physician().post(`/sessions/${sessionId}/abort`).send(reason);
    }
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    const device = await app
      .get(DevicesService)
      .register(actorOf(systemPrincipal('test')), { label: 'Fuzz monitor' });
    deviceKey = device.apiKey;
    ids['device'] = device.id;
    const users = (await apiAs(app, tokens.admin).get('/users')).body as Array<{
      id: string;
      username: string;
    }>;
    ids['user'] = users.find((user) => user.username === 'nurse')!.id;
    ids['patient'] = (
      await physician()
        .post('/patients')
        .send({ mrn: 'FUZZ-0', displayName: 'Fuzz Patient', weightKg: 70 })
        .expect(201)
    ).body.id;
    const profile = (await physician().get('/threshold-profiles').expect(200)).body[0];
    ids['profile'] = profile.id;
    const { id: _id, ...profileInput } = profile;
    ids['profileInput'] = JSON.stringify(profileInput);

    const alarmed = await freshSession('Fuzz alarm');
    await postReading(app, alarmed);
    await physician().post(`/sessions/${alarmed}/start`).expect(200);
    await physician()
      .post(`/sessions/${alarmed}/vitals`)
      .send({ samples: [{ at: now(), spo2: 70, heartRate: 80 }] })
      .expect(202);
    const alerts = await physician().get(`/alerts?sessionId=${alarmed}`).expect(200);
    ids['alert'] = alerts.body[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    await endSession(alarmed);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  function credentialsOf(caller: Exclude<Caller, 'anonymous'>): [string, string] {
    return caller === 'device'
      ? ['X-Device-Key', deviceKey]
      : ['Authorization', `Bearer ${tokens[caller]}`];
  }

  function existing(name: string): string {
    const id = ids[name];
    if (!id) throw new Error(`the fixture has no ${name}`);
    return id;
  }

  /** A request every part of which is valid; the generated ones spoil it. */
  function validRequest(route: RegisteredRoute, sessionId: string) {
    const key = routeKey(route);
    const profile = JSON.parse(existing('profileInput')) as object;
    const owner = ID_OWNERS.find(([path]) => key.includes(path))?.[1] ?? 'profile';
    const params: Record<string, string> = {
      id: owner === 'session' ? sessionId : existing(owner),
      sessionId,
    };
    const bodies: Record<string, unknown> = {
      'POST /api/v1/auth/login': { username: 'nobody-here', password: 'not the password' },
      'POST /api/v1/users': {
        username: `fuzz.${routeNumber}`,
        displayName: 'Fuzz User',
        role: 'nurse',
        password: 'a long enough password',
      },
      'PATCH /api/v1/users/:id': { displayName: 'Test nurse' },
      'POST /api/v1/devices': { label: 'Fuzz monitor', bay: 'Fuzz 1' },
      'POST /api/v1/patients': {
        mrn: `FUZZ-${routeNumber}`,
        displayName: 'Fuzz Patient',
        birthDate: '1980-01-01',
        weightKg: 70,
      },
      'POST /api/v1/sessions': {
        patientId: ids['patient'],
        bay: 'Fuzz new',
        indication: 'depression',
        doseMgPerKg: 0.5,
        plannedDurationMin: 40,
        scheduledAt: now(),
      },
      'POST /api/v1/sessions/:id/order': { doseMgPerKg: 0.5, plannedDurationMin: 40 },
      'POST /api/v1/sessions/:id/assessment': CLEAN_ASSESSMENT,
      'POST /api/v1/sessions/:id/override': { reason: 'benefit outweighs the risk', flags: ['X'] },
      'POST /api/v1/sessions/:id/pause': { reason: 'patient asked' },
      'POST /api/v1/sessions/:id/stop': { reason: 'patient asked' },
      'POST /api/v1/sessions/:id/abort': { reason: 'patient asked' },
      'POST /api/v1/sessions/:id/discharge': RECOVERED,
      'POST /api/v1/sessions/:id/observations': {
        type: 'nausea',
        severity: 'mild',
        at: now(),
        note: 'settled',
        scores: { cadss: 1, moaas: 5, rass: 0 },
      },
      'POST /api/v1/sessions/:id/interventions': { kind: 'note', detail: 'water', at: now() },
      'POST /api/v1/sessions/:sessionId/vitals': {
        samples: [
          {
            seq: 1,
            at: now(),
            systolic: 120,
            diastolic: 80,
            heartRate: 70,
            spo2: 98,
            respRate: 14,
            etco2: 35,
          },
        ],
      },
      'POST /api/v1/alerts/:id/acknowledge': { note: 'seen' },
      'PUT /api/v1/threshold-profiles/:id': profile,
      'PUT /api/v1/sessions/:id/limits': profile,
      'POST /api/v1/threshold-profiles/preview': { profile, sessionId },
    };
    const queries: Record<string, Record<string, string>> = {
      'GET /api/v1/sessions': {
        state: 'infusing',
        bay: 'Fuzz 1',
        from: hourAgo(),
        to: now(),
        live: 'true',
        patient: 'Fu',
        clinician: 'nu',
        priority: 'high',
      },
      'GET /api/v1/schedule': { date: '2026-01-01' },
      'GET /api/v1/sessions/:sessionId/vitals': { from: hourAgo(), to: now() },
      'GET /api/v1/sessions/:sessionId/vitals/trend': { from: hourAgo(), to: now(), bucketS: '10' },
      'GET /api/v1/alerts': { state: 'active', sessionId, priority: 'high' },
      'GET /api/v1/audit': { from: hourAgo(), to: now(), actor: 'nurse', sessionId, limit: '10' },
    };
    return { params, query: queries[key] ?? {}, body: bodies[key] ?? {} };
  }

  function urlOf(route: RegisteredRoute, params: Record<string, string>, query: string): string {
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name);
    return query ? `${path}?${query}` : path;
  }

  function send(target: Target, url: string, body: string | null) {
    const method = target.route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const call = request(server())[method](url);
    if (target.header) void call.set(...target.header);
    return body === null ? call : call.set('Content-Type', 'application/json').send(body);
  }

  /**
   * Who may call the route: the first of the roles (then a device) that is not turned away; the
   * login is tried as a stranger would, without credentials.
   */
  async function targetOf(route: RegisteredRoute): Promise<Target> {
    routeNumber += 1;
    const sessionId = await freshSession(`Fuzz ${routeNumber}`);
    const { params, query, body } = validRequest(route, sessionId);
    const queryText = new URLSearchParams(query).toString();
    const url = urlOf(route, params, queryText);
    if (routeKey(route) === LOGIN) {
      return { route, caller: 'anonymous', header: null, url, params, query, body };
    }
    for (const caller of CALLER_PREFERENCE) {
      // Logging out or refreshing ends a login: these routes get one of their own.
      const header: [string, string] =
        route.path.startsWith('/api/v1/auth/') && caller !== 'device'
          ? ['Authorization', `Bearer ${await login(app, caller)}`]
          : credentialsOf(caller);
      const target: Target = { route, caller, header, url, params, query, body };
      const probe = await send(target, url, route.method === 'GET' ? null : toJsonText(body));
      if (probe.status !== 401 && probe.status !== 403) return target;
    }
    throw new Error(`no caller may ${routeKey(route)}`);
  }

  async function auditHead(): Promise<number> {
    const [row] = await app
      .get(DataSource)
      .query<Array<{ head: string | number | null }>>('SELECT MAX(seq) AS head FROM audit_entry');
    return Number(row?.head ?? 0);
  }

  /** Every row of every table a refusal must leave alone, whichever tables the migrations made. */
  async function storedRows(): Promise<Record<string, string>> {
    const dataSource = app.get(DataSource);
    const listed = await dataSource.query<Array<{ name: string }>>(
      dataSource.options.type === 'postgres'
        ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const tables = listed
      .map(({ name }) => name)
      .filter((table) => !TABLES_A_REFUSAL_MAY_WRITE.has(table));
    const snapshot: Record<string, string> = {};
    for (const table of tables) {
      const rows = await dataSource.query<unknown[]>(`SELECT * FROM ${table}`);
      snapshot[table] = rows
        .map((row) => JSON.stringify(row))
        .sort()
        .join('\n');
    }
    return snapshot;
  }

  async function auditActionsSince(head: number): Promise<string[]> {
    const rows = await app
      .get(DataSource)
      .query<Array<{ action: string }>>(
        `SELECT action FROM audit_entry WHERE seq > ${head} ORDER BY seq`,
      );
    return rows.map((row) => row.action);
  }

  /**
   * The stable code of a refusal: the REST body's `code`, or, for FHIR, the Vigil code an
   * OperationOutcome carries among its details' codings.
   */
  function refusalCode(body: unknown): string | undefined {
    if (typeof body !== 'object' || body === null) return undefined;
    const { code, resourceType, issue } = body as {
      code?: unknown;
      resourceType?: unknown;
      issue?: Array<{ details?: { coding?: Array<{ system?: string; code?: string }> } }>;
    };
    if (typeof code === 'string') return code;
    if (resourceType !== 'OperationOutcome') return undefined;
    return issue
      ?.flatMap((each) => each.details?.coding ?? [])
      .find((coding) => coding.system === 'urn:vigil:error-code')?.code;
  }

  /** One generated request, and what it must not have done. */
  async function attempt(target: Target, url: string, body: string | null): Promise<void> {
    const write = target.route.method !== 'GET';
    const before = write ? await storedRows() : null;
    const head = await auditHead();
    const reply = await send(target, url, body);
    const shown = `${target.route.method} ${url.slice(0, 300)} as ${target.caller} with ${(body ?? '').slice(0, 300)}`;
    if (reply.status >= 500) {
      throw new Error(`${shown} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
    }
    if (reply.status < 400) return;
    if (refusalCode(reply.body) === undefined && !REFUSED_BEFORE_THE_APP.has(reply.status)) {
      throw new Error(`${shown} was refused ${reply.status} without a code: ${reply.text}`);
    }
    const written = (await auditActionsSince(head)).filter(
      (action) => !REFUSAL_AUDIT_ACTIONS.has(action),
    );
    if (written.length > 0) {
      throw new Error(`${shown} was refused ${reply.status} but audited ${written.join(', ')}`);
    }
    if (before) {
      const after = await storedRows();
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      if (changed.length > 0) {
        throw new Error(`${shown} was refused ${reply.status} but changed ${changed.join(', ')}`);
      }
    }
  }

  it('registers routes to fuzz', () => {
    expect(registeredRoutes(app).length).toBeGreaterThan(40);
  });

  it('answers hostile requests on every route with a 4xx or a success, and stores nothing it refuses', async () => {
    for (const route of registeredRoutes(app)) {
      const target = await targetOf(route);
      const names = [...route.path.matchAll(/:(\w+)/g)].flatMap((match) => match[1] ?? []);
      const request = fc.record({
        params: fc.record(
          Object.fromEntries(
            names.map((name) => [name, hostileSegment(target.params[name] ?? name)]),
          ),
        ),
        query: hostileQuery(target.query),
        body:
          route.method === 'GET'
            ? fc.constant(null)
            : fc.oneof(
                { weight: 5, arbitrary: spoiled(target.body).map(toJsonText) },
                { weight: 1, arbitrary: fc.constantFrom(...rawBodies(target.body)) },
              ),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, query, body }) => {
          await attempt(target, urlOf(route, params, query), body);
        }),
        { numRuns: RUNS },
      );
      const sessionId = target.params['sessionId'];
      if (sessionId) await endSession(sessionId);
    }
    const verification = await apiAs(app, tokens.auditor).get('/audit/verify').expect(200);
    expect(verification.body).toMatchObject({ valid: true });
  }, 600_000);

  it('answers a body that is not JSON with 400 MALFORMED_BODY and one over the limit with 413', async () => {
    const patients = () =>
      request(server())
        .post('/api/v1/patients')
        .set('Authorization', `Bearer ${tokens.nurse}`)
        .set('Content-Type', 'application/json');
    const malformed = await patients().send('{"mrn": ');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_BODY']);
    const huge = await patients().send(
      JSON.stringify({ mrn: 'BIG', displayName: 'x'.repeat(1_100_000), weightKg: 70 }),
    );
    expect(huge.status).toBe(413);
  });
});
