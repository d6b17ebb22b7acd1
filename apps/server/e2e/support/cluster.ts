import {
  type Alert,
  CLINICIANS_NAMESPACE,
  newerAlert,
  type Session,
  type SocketErrorReply,
  type VitalSample,
  type VitalsEvent,
  type WatchReply,
  type WatchRequest,
} from '@vigil/shared';
import {
  baselineReading,
  CLEAN_ASSESSMENT,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';
import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { createPostgresDatabase, dropPostgresDatabase } from '../../test/test-databases';

/**
 * Three replicas on one PostgreSQL and one Redis, as production runs them behind its proxy, and
 * what the cluster suites watch them with: clinician sockets that record every alert event and keep
 * a dashboard's view of the open alerts (the copy with the higher revision wins), a bedside monitor,
 * and REST calls on any replica.
 */

/** Needs PostgreSQL and Redis; .ci/run makes both mandatory, so in CI the suites never skip. */
export const clusterRuns = serviceAvailable('postgres') && serviceAvailable('redis');
const ADMIN_PASSWORD = 'cluster e2e admin password';
const PASSWORD = 'cluster e2e password';
/** How long a test waits for an event that must come. */
export const EVENT_TIMEOUT_MS = 5_000;
/** The quiet window after the last expected event in which a duplicate would have shown up. */
export const SETTLE_MS = 500;

export type AlertEventName = 'alert.raised' | 'alert.updated';

export interface Received {
  event: AlertEventName;
  alert: Alert;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it passes; after the timeout, fails with its last error. */
export async function eventually(
  what: string,
  check: () => Promise<void> | void,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${what}: still failing after ${timeoutMs} ms:\n${message}`);
      }
    }
    await sleep(100);
  }
}

export function withTimeout<T>(
  promise: Promise<T>,
  what: string,
  ms = EVENT_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One line per alert version, so that a mismatch reads at a glance in jest's diff. */
export const describeAlert = (alert: Alert) =>
  `${alert.id} ${alert.code} ${alert.state} ${alert.priority} esc${alert.escalationLevel}`;
export const describeEvent = ({ event, alert }: Received) =>
  `${event} ${alert.code} ${alert.state} ${alert.priority}`;

/**
 * A clinician's socket as the tests watch it: every alert event it received, in order, and
 * optionally the set of open alerts a dashboard would show (a REST snapshot after each connection
 * that was not recovered, then the events).
 */
export class LiveClient {
  readonly received: Received[] = [];
  readonly vitalsSeqs: number[] = [];
  readonly disconnects: string[] = [];
  connects = 0;
  recoveries = 0;
  private readonly alerts = new Map<string, Alert>();
  private resync: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly socket: Socket,
    private readonly snapshot: (() => Promise<Alert[]>) | null,
  ) {
    for (const event of ['alert.raised', 'alert.updated'] as const) {
      socket.on(event, (alert: Alert) => {
        this.received.push({ event, alert });
        this.alerts.set(alert.id, newerAlert(this.alerts.get(alert.id), alert));
        this.notify();
      });
    }
    socket.on('vitals', (event: VitalsEvent) => {
      for (const { seq } of event.samples) if (typeof seq === 'number') this.vitalsSeqs.push(seq);
      this.notify();
    });
    socket.on('connect', () => {
      this.connects += 1;
      if (socket.recovered) this.recoveries += 1;
      else if (this.snapshot) this.resync = this.resynchronise(this.snapshot);
      this.notify();
    });
    socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      this.notify();
    });
  }

  /** Resolves once the latest REST resynchronisation (if any) has been applied. */
  synced(): Promise<void> {
    return this.resync;
  }

  private async resynchronise(snapshot: () => Promise<Alert[]>): Promise<void> {
    const from = this.received.length;
    const open = await snapshot();
    this.alerts.clear();
    open.forEach((alert) => this.alerts.set(alert.id, alert));
    // Events that crossed the snapshot in flight still count, whichever is newer.
    for (const { alert } of this.received.slice(from))
      this.alerts.set(alert.id, newerAlert(this.alerts.get(alert.id), alert));
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** Waits until `done()` holds, re-checking after every event the socket receives. */
  until(what: string, done: () => boolean, timeoutMs = EVENT_TIMEOUT_MS): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.name}: ${what} did not happen within ${timeoutMs} ms.\n` +
              `Alert events received: ${JSON.stringify(this.received.map(describeEvent))}\n` +
              `Disconnects: ${JSON.stringify(this.disconnects)}, connects: ${this.connects}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Waits for an alert event matching `match` and returns it. */
  async next(what: string, match: (received: Received) => boolean): Promise<Alert> {
    await this.until(what, () => this.received.some(match));
    return this.received.find(match)!.alert;
  }

  /** This client's alert events about one session, one line each, in arrival order. */
  about(sessionId: string): string[] {
    return this.received.filter(({ alert }) => alert.sessionId === sessionId).map(describeEvent);
  }

  /** Alert events received more than once with the very same content. */
  duplicates(): string[] {
    const seen = new Set<string>();
    const twice: string[] = [];
    for (const { event, alert } of this.received) {
      const key = `${event} ${JSON.stringify(alert)}`;
      if (seen.has(key)) twice.push(`${event} ${describeAlert(alert)}`);
      seen.add(key);
    }
    return twice;
  }

  /** The open alerts this client would show. */
  open(): string[] {
    return [...this.alerts.values()]
      .filter((alert) => alert.state !== 'resolved')
      .map(describeAlert)
      .sort();
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Starts the three replicas before the suite (together, as replicas start: the migration lock must
 * keep them from racing) and stops them after it, each of which must exit cleanly; closes the
 * sockets and monitors of each test after it. Call it at the top of a describe.
 */
export function useCluster() {
  let database: { url: string; name: string };
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let c: ServerProcess;
  const tokens = { admin: '', nurse: '', physician: '', auditor: '' };
  const clients: LiveClient[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];
  let mrn = 0;

  async function request(
    base: string,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function call<T>(
    base: string,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<T> {
    const reply = await request(base, method, path, token, body);
    if (reply.status >= 300)
      throw new Error(`${method} ${base}${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body as T;
  }

  const login = async (base: string, username: string, password = PASSWORD) =>
    (await call<{ accessToken: string }>(base, 'POST', '/auth/login', null, { username, password }))
      .accessToken;

  async function createUser(username: string, role: string): Promise<string> {
    const user = await call<{ id: string }>(a.url, 'POST', '/users', tokens.admin, {
      username,
      displayName: username,
      role,
      password: PASSWORD,
    });
    return user.id;
  }

  /** A patient's session on `bay`, assessed and infusing, created through `base`. */
  async function infusingSession(base: string, bay: string): Promise<Session> {
    mrn += 1;
    const patient = await call<{ id: string }>(base, 'POST', '/patients', tokens.nurse, {
      mrn: `CLUSTER-${mrn}`,
      displayName: `Cluster Patient ${mrn}`,
      weightKg: 70,
    });
    // Scheduled by a physician, whose order the dose is: it may start at once.
    const session = await call<Session>(base, 'POST', '/sessions', tokens.physician, {
      patientId: patient.id,
      bay,
      indication: 'depression',
      doseMgPerKg: 0.5,
    });
    await call(base, 'POST', `/sessions/${session.id}/assessment`, tokens.nurse, CLEAN_ASSESSMENT);
    await call(base, 'POST', `/sessions/${session.id}/vitals`, tokens.nurse, baselineReading());
    await call(base, 'POST', `/sessions/${session.id}/start`, tokens.nurse);
    return session;
  }

  /**
   * Ends a session, so that its silent monitor raises no SIGNAL_LOSS in later tests: stopped early
   * (with its reason), then aborted from recovery by a physician.
   */
  async function endSession(sessionId: string): Promise<void> {
    await call(a.url, 'POST', `/sessions/${sessionId}/stop`, tokens.nurse, { reason: 'test done' });
    await call(a.url, 'POST', `/sessions/${sessionId}/abort`, tokens.physician, {
      reason: 'test done',
    });
  }

  /** SpO2 90 then 83 a second later: a plausible deep desaturation, a high SPO2_LOW at once. */
  function desaturate(base: string, sessionId: string): Promise<unknown> {
    const at = Date.now() - 2_000;
    return call(base, 'POST', `/sessions/${sessionId}/vitals`, tokens.nurse, {
      samples: [
        { at: new Date(at).toISOString(), spo2: 90 },
        { at: new Date(at + 1_000).toISOString(), spo2: 83 },
      ],
    });
  }

  async function serverOpen(base: string): Promise<string[]> {
    const [active, acknowledged] = await Promise.all([
      call<Alert[]>(base, 'GET', '/alerts?state=active', tokens.nurse),
      call<Alert[]>(base, 'GET', '/alerts?state=acknowledged', tokens.nurse),
    ]);
    return [...active, ...acknowledged].map(describeAlert).sort();
  }

  const openSnapshot = (base: string) => async () => {
    const [active, acknowledged] = await Promise.all([
      call<Alert[]>(base, 'GET', '/alerts?state=active', tokens.nurse),
      call<Alert[]>(base, 'GET', '/alerts?state=acknowledged', tokens.nurse),
    ]);
    return [...active, ...acknowledged];
  };

  interface ConnectOptions {
    watch?: WatchRequest;
    /** Keep a dashboard's view of the open alerts, resynchronised from here after each reconnect. */
    snapshotFrom?: string;
    /** Reconnect by itself, as a dashboard does (quickly, to keep the suite fast). */
    reconnect?: boolean;
    /** Called for the handshake's auth on every (re)connection, as the dashboard's callback is. */
    auth?: () => Record<string, string>;
  }

  /** A connected clinician socket, its listeners in place before the first packet. */
  async function connect(
    name: string,
    base: string,
    token: string,
    options: ConnectOptions = {},
  ): Promise<LiveClient> {
    const socket = io(`${base}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      autoConnect: false,
      auth: options.auth ? (send) => send(options.auth!()) : { token },
      reconnection: options.reconnect ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0,
    });
    const client = new LiveClient(
      name,
      socket,
      options.snapshotFrom ? openSnapshot(options.snapshotFrom) : null,
    );
    clients.push(client);
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) =>
        reject(new Error(`${name}: connection refused: ${error.message}`)),
      );
    });
    socket.connect();
    await withTimeout(connected, `${name} to connect`);
    await client.synced();
    if (options.watch) {
      const reply = (await socket.timeout(EVENT_TIMEOUT_MS).emitWithAck('watch', options.watch)) as
        WatchReply | SocketErrorReply;
      expect(reply).not.toHaveProperty('error');
    }
    return client;
  }

  /** The message of the connect_error with which the server refuses a handshake. */
  async function refusal(base: string, auth: Record<string, string>): Promise<string> {
    const socket = io(`${base}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth,
      reconnection: false,
    });
    try {
      return await withTimeout(
        new Promise<string>((resolve, reject) => {
          socket.once('connect_error', (error) => resolve(error.message));
          socket.once('connect', () =>
            reject(new Error(`the server accepted ${JSON.stringify(auth)}`)),
          );
        }),
        'the handshake to be refused',
      );
    } finally {
      socket.close();
    }
  }

  /** The replicas' shared token key, read from their database to mint tokens the server would not. */
  async function signingKey(): Promise<string> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const result = await client.query<{ value: string }>(
        `SELECT value FROM app_secret WHERE name = 'token-signing-key'`,
      );
      const [row] = result.rows;
      if (!row) throw new Error('the replicas have not stored their token signing key');
      return row.value;
    } finally {
      await client.end();
    }
  }

  /** An HS256 token with these claims, signed with `key` (the replicas' own key by default). */
  async function signToken(claims: Record<string, unknown>, key?: string): Promise<string> {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    const signature = createHmac('sha256', key ?? (await signingKey()))
      .update(unsigned)
      .digest('base64url');
    return `${unsigned}.${signature}`;
  }

  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      sub: string;
      sid: string;
      exp: number;
    };

  /**
   * A bedside monitor posting one reading every 200 ms to one instance for as long as it runs;
   * `send` changes what it reads and resolves once a reading with the change was accepted.
   */
  function startMonitor(base: string, sessionId: string, initial: Partial<VitalSample>) {
    let values = initial;
    let version = 0;
    let acceptedVersion = -1;
    let seq = 0;
    let running = true;
    let failure: Error | null = null;
    const accepted = new Set<() => void>();
    const loop = (async () => {
      while (running) {
        const sending = version;
        seq += 1;
        try {
          await call(base, 'POST', `/sessions/${sessionId}/vitals`, tokens.nurse, {
            samples: [{ seq, at: new Date().toISOString(), ...values }],
          });
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          running = false;
        }
        acceptedVersion = sending;
        accepted.forEach((listener) => listener());
        if (running) await sleep(200);
      }
    })();
    const monitor = {
      sent: () => seq,
      async send(change: Partial<VitalSample>): Promise<void> {
        values = { ...values, ...change };
        version += 1;
        const wanted = version;
        await withTimeout(
          new Promise<void>((resolve) => {
            const check = () => {
              if (acceptedVersion < wanted && running) return;
              accepted.delete(check);
              resolve();
            };
            accepted.add(check);
          }),
          `the monitor to send ${JSON.stringify(change)}`,
        );
        if (failure) throw failure;
      },
      async stop(): Promise<void> {
        running = false;
        await loop;
        if (failure) throw failure;
      },
    };
    cleanups.push(() => monitor.stop().catch(() => undefined));
    return monitor;
  }

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // A logical Redis database of its own: suites that others run on this machine share the Redis
    // server, and its Socket.IO stream, recovery sessions and login counters must stay apart.
    const redisUrl = new URL(REDIS_TEST_URL);
    redisUrl.pathname = `/${1 + Math.floor(Math.random() * 15)}`;
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl.toString(),
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    // Started together, as replicas are: the migration lock must keep them from racing.
    const started = await Promise.allSettled([
      startServerProcess(env),
      startServerProcess(env),
      startServerProcess(env),
    ]);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      const running = started.filter((result) => result.status === 'fulfilled');
      await Promise.all(running.map((result) => result.value.stop()));
      throw failure.reason;
    }
    [a, b, c] = started.map(
      (result) => (result as PromiseFulfilledResult<ServerProcess>).value,
    ) as [ServerProcess, ServerProcess, ServerProcess];
    tokens.admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    await createUser('cl-nurse', 'nurse');
    await createUser('cl-physician', 'physician');
    await createUser('cl-auditor', 'auditor');
    // Each logs in on a different instance: they share the signing key through the database.
    tokens.nurse = await login(a.url, 'cl-nurse');
    tokens.physician = await login(b.url, 'cl-physician');
    tokens.auditor = await login(c.url, 'cl-auditor');
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
    if (database) await dropPostgresDatabase(database.name);
    // SIGTERM must let every replica finish cleanly, whatever the tests did to them.
    expect(codes).toEqual([0, 0, 0]);
  });

  return {
    get a() {
      return a;
    },
    set a(replica: ServerProcess) {
      a = replica;
    },
    get b() {
      return b;
    },
    get c() {
      return c;
    },
    get env() {
      return env;
    },
    tokens,
    cleanups,
    request,
    call,
    login,
    createUser,
    infusingSession,
    endSession,
    desaturate,
    serverOpen,
    connect,
    refusal,
    signingKey,
    signToken,
    claimsOf,
    startMonitor,
  };
}
