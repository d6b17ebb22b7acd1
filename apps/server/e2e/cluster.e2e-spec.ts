import {
  type Alert,
  CLINICIANS_NAMESPACE,
  type Session,
  type SocketErrorReply,
  type VitalSample,
  type VitalsEvent,
  type WatchReply,
  type WatchRequest,
} from '@vigil/shared';
import {
  CLEAN_ASSESSMENT,
  type ServerProcess,
  startServerProcess,
  startTcpFailoverProxy,
  type TcpFailoverProxy,
} from '@vigil/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../test/services';
import { createPostgresDatabase, dropPostgresDatabase } from '../test/test-databases';

/**
 * Three replicas on one PostgreSQL and one Redis, as production runs them behind its proxy: alerts
 * reach every clinician once whichever replica raised them, acknowledgements likewise, a dropped
 * client gets back exactly what it missed, a stopped replica's clients fail over and catch up, and
 * the socket's access rules hold on every replica.
 */

const runs = serviceAvailable('postgres') && serviceAvailable('redis');
const ADMIN_PASSWORD = 'cluster e2e admin password';
const PASSWORD = 'cluster e2e password';
/** How long a test waits for an event that must come. */
const EVENT_TIMEOUT_MS = 5_000;
/** The quiet window after the last expected event in which a duplicate would have shown up. */
const SETTLE_MS = 500;

type AlertEventName = 'alert.raised' | 'alert.updated';

interface Received {
  event: AlertEventName;
  alert: Alert;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it passes; after the timeout, fails with its last error. */
async function eventually(
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

function withTimeout<T>(promise: Promise<T>, what: string, ms = EVENT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One line per alert version, so that a mismatch reads at a glance in jest's diff. */
const describeAlert = (alert: Alert) =>
  `${alert.id} ${alert.code} ${alert.state} ${alert.priority} esc${alert.escalationLevel}`;
const describeEvent = ({ event, alert }: Received) =>
  `${event} ${alert.code} ${alert.state} ${alert.priority}`;

const STATE_RANK = { active: 0, acknowledged: 1, resolved: 2 } as const;
const PRIORITY_RANK = { low: 0, medium: 1, high: 2 } as const;

/**
 * What a dashboard keeps of an alert when two views of it meet (an event and a REST snapshot, in
 * either order): an alert only moves forward (active → acknowledged → resolved, priority up,
 * escalation up), so the more advanced view wins.
 */
function merge(known: Alert | undefined, incoming: Alert): Alert {
  if (!known) return incoming;
  const escalationLevel = Math.max(known.escalationLevel, incoming.escalationLevel);
  const stateOrder = STATE_RANK[incoming.state] - STATE_RANK[known.state];
  if (stateOrder < 0) return { ...known, escalationLevel };
  if (stateOrder === 0 && PRIORITY_RANK[incoming.priority] < PRIORITY_RANK[known.priority])
    return { ...known, escalationLevel };
  return { ...incoming, escalationLevel };
}

/**
 * A clinician's socket as the tests watch it: every alert event it received, in order, and
 * optionally the set of open alerts a dashboard would show (a REST snapshot after each connection
 * that was not recovered, then the events).
 */
class LiveClient {
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
        this.alerts.set(alert.id, merge(this.alerts.get(alert.id), alert));
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
      this.alerts.set(alert.id, merge(this.alerts.get(alert.id), alert));
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

// Needs PostgreSQL and Redis; .ci/run makes both mandatory, so in CI this never skips.
(runs ? describe : describe.skip)('three server instances behind a failover proxy', () => {
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
    const session = await call<Session>(base, 'POST', '/sessions', tokens.nurse, {
      patientId: patient.id,
      bay,
      indication: 'depression',
      doseMgPerKg: 0.5,
    });
    await call(base, 'POST', `/sessions/${session.id}/assessment`, tokens.nurse, CLEAN_ASSESSMENT);
    await call(base, 'POST', `/sessions/${session.id}/start`, tokens.nurse);
    return session;
  }

  /** Ends a session, so that its silent monitor raises no SIGNAL_LOSS in later tests. */
  const endSession = (sessionId: string) =>
    call(a.url, 'POST', `/sessions/${sessionId}/abort`, tokens.nurse, { reason: 'test done' });

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
      return result.rows[0].value;
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
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
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

  it('starts three replicas together on one database and one Redis', async () => {
    for (const instance of [a, b, c]) {
      expect(await call(instance.url, 'GET', '/health', null)).toEqual({
        status: 'ok',
        db: 'up',
        redis: 'up',
      });
    }
  });

  it('delivers an alert raised on one instance to clinicians on every instance, exactly once', async () => {
    const session = await infusingSession(a.url, 'K1');
    const everywhere = [
      await connect('nurse on A', a.url, tokens.nurse),
      await connect('physician on B', b.url, tokens.physician),
      await connect('auditor on C', c.url, tokens.auditor),
      // In two of the event's three rooms: Socket.IO must still deliver once.
      await connect('bay and session watcher on C', c.url, tokens.nurse, {
        watch: { bays: ['K1'], sessionIds: [session.id] },
      }),
    ];
    const otherBay = await connect('watcher of bay K9 on B', b.url, tokens.physician, {
      watch: { bays: ['K9'] },
    });

    await desaturate(a.url, session.id);

    await Promise.all(
      everywhere.map((client) =>
        client.next(
          'alert.raised for the desaturation',
          ({ event, alert }) => event === 'alert.raised' && alert.sessionId === session.id,
        ),
      ),
    );
    await sleep(SETTLE_MS);
    const stored = await call<Alert[]>(
      b.url,
      'GET',
      `/alerts?sessionId=${session.id}`,
      tokens.nurse,
    );
    expect(stored.map(describeAlert)).toEqual([
      expect.stringMatching(/ SPO2_LOW active high esc0$/),
    ]);
    for (const client of everywhere) {
      expect({ client: client.name, events: client.about(session.id) }).toEqual({
        client: client.name,
        events: ['alert.raised SPO2_LOW active high'],
      });
      expect(client.received.find((r) => r.alert.sessionId === session.id)?.alert).toEqual(
        stored[0],
      );
    }
    expect(otherBay.about(session.id)).toEqual([]);
    await endSession(session.id);
  });

  it('shows an acknowledgement made on one instance on every instance, exactly once', async () => {
    const session = await infusingSession(b.url, 'K2');
    const everywhere = [
      await connect('nurse on A', a.url, tokens.nurse),
      await connect('nurse on B', b.url, tokens.nurse),
      await connect('physician on C', c.url, tokens.physician),
    ];
    await desaturate(b.url, session.id);
    const [alert] = await Promise.all(
      everywhere.map((client) =>
        client.next(
          'alert.raised for the desaturation',
          ({ event, alert }) => event === 'alert.raised' && alert.sessionId === session.id,
        ),
      ),
    );

    const acknowledged = await call<Alert>(
      c.url,
      'POST',
      `/alerts/${alert.id}/acknowledge`,
      tokens.physician,
      { note: 'seen, O2 on' },
    );
    expect(acknowledged).toMatchObject({
      id: alert.id,
      state: 'acknowledged',
      acknowledgedBy: 'cl-physician',
    });
    // A second clinician pressing too, on another instance: no second event.
    expect(
      await call<Alert>(a.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.nurse, {}),
    ).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'cl-physician' });

    await Promise.all(
      everywhere.map((client) =>
        client.next(
          'alert.updated acknowledged',
          (r) => r.event === 'alert.updated' && r.alert.id === alert.id,
        ),
      ),
    );
    await sleep(SETTLE_MS);
    for (const client of everywhere) {
      expect({ client: client.name, events: client.about(session.id) }).toEqual({
        client: client.name,
        events: ['alert.raised SPO2_LOW active high', 'alert.updated SPO2_LOW acknowledged high'],
      });
    }
    expect(
      await call<Alert[]>(a.url, 'GET', `/alerts?sessionId=${session.id}`, tokens.nurse),
    ).toEqual([expect.objectContaining({ state: 'acknowledged', acknowledgedBy: 'cl-physician' })]);
    await endSession(session.id);
  });

  it('resolves an alert acknowledged on another instance once its condition clears, on every instance', async () => {
    const session = await infusingSession(a.url, 'K8');
    const everywhere = [
      await connect('nurse on A', a.url, tokens.nurse),
      await connect('nurse on B', b.url, tokens.nurse),
      await connect('physician on C', c.url, tokens.physician),
    ];
    // The readings (on their own times, a second apart) go to A, which evaluates the session.
    const start = Date.now() - 16_000;
    const reading = (offsetS: number, spo2: number) => ({
      at: new Date(start + offsetS * 1_000).toISOString(),
      spo2,
    });
    await call(a.url, 'POST', `/sessions/${session.id}/vitals`, tokens.nurse, {
      samples: [reading(0, 90), reading(1, 83)],
    });
    const alert = await everywhere[2].next(
      'alert.raised for the desaturation',
      (r) => r.event === 'alert.raised' && r.alert.sessionId === session.id,
    );
    // Acknowledged on C, which has never seen a reading of this session.
    await call(c.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.physician, {});
    await Promise.all(
      everywhere.map((client) =>
        client.next(
          'alert.updated acknowledged',
          (r) => r.alert.id === alert.id && r.alert.state === 'acknowledged',
        ),
      ),
    );
    // SpO2 back to 97 for longer than the rule's clear time (10 s): no longer latched, it resolves.
    await call(a.url, 'POST', `/sessions/${session.id}/vitals`, tokens.nurse, {
      samples: Array.from({ length: 13 }, (_, index) => reading(2 + index, 97)),
    });
    await Promise.all(
      everywhere.map((client) =>
        client.next(
          'alert.updated resolved once SpO2 stayed at 97 for 10 s after the acknowledgement on C',
          (r) => r.alert.id === alert.id && r.alert.state === 'resolved',
        ),
      ),
    );
    await sleep(SETTLE_MS);
    for (const client of everywhere) {
      expect({ client: client.name, events: client.about(session.id) }).toEqual({
        client: client.name,
        events: [
          'alert.raised SPO2_LOW active high',
          'alert.updated SPO2_LOW acknowledged high',
          'alert.updated SPO2_LOW resolved high',
        ],
      });
    }
    expect(
      await call<Alert[]>(b.url, 'GET', `/alerts?sessionId=${session.id}`, tokens.nurse),
    ).toEqual([expect.objectContaining({ id: alert.id, state: 'resolved' })]);
    await endSession(session.id);
  });

  it('gives a client cut off mid-stream exactly what it missed when it reconnects', async () => {
    const session = await infusingSession(a.url, 'K3');
    const monitor = startMonitor(a.url, session.id, { spo2: 97, heartRate: 80 });
    const client = await connect('dashboard on B', b.url, tokens.nurse, {
      snapshotFrom: c.url,
      reconnect: true,
    });
    const observer = await connect('observer on C', c.url, tokens.physician);
    // Socket.IO hands the recovery offset with the events; readings are flowing.
    await client.until('a vitals frame', () => client.vitalsSeqs.length > 0);

    client.socket.io.reconnection(false);
    client.socket.io.engine.close();
    await client.until('the disconnect', () => client.disconnects.length === 1);
    expect(client.disconnects).toEqual(['forced close']);

    // Meanwhile: a high alert raised and acknowledged, a medium one raised and upgraded.
    const isFor =
      (code: string, event: AlertEventName, state = 'active') =>
      (r: Received) =>
        r.event === event &&
        r.alert.sessionId === session.id &&
        r.alert.code === code &&
        r.alert.state === state;
    await monitor.send({ spo2: 90 });
    await monitor.send({ spo2: 83 });
    const spo2 = await observer.next('SPO2_LOW raised', isFor('SPO2_LOW', 'alert.raised'));
    await monitor.send({ systolic: 165, diastolic: 90 });
    await observer.next('SYSTOLIC_HIGH raised', isFor('SYSTOLIC_HIGH', 'alert.raised'));
    await monitor.send({ systolic: 185, diastolic: 95 });
    await observer.next(
      'SYSTOLIC_HIGH upgraded',
      (r) => isFor('SYSTOLIC_HIGH', 'alert.updated')(r) && r.alert.priority === 'high',
    );
    await call(c.url, 'POST', `/alerts/${spo2.id}/acknowledge`, tokens.physician, {});
    await observer.next(
      'SPO2_LOW acknowledged',
      isFor('SPO2_LOW', 'alert.updated', 'acknowledged'),
    );
    expect(client.about(session.id)).toEqual([]);

    client.socket.io.reconnection(true);
    client.socket.connect();
    await client.until('the reconnection', () => client.connects === 2);
    // Same instance, well inside the recovery window: Socket.IO replays what was missed.
    expect(client.recoveries).toBe(1);
    // And what comes after the reconnection arrives as before.
    await call(a.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
      type: 'vomiting',
      severity: 'severe',
    });
    await client.next('SIDE_EFFECT_SEVERE raised', isFor('SIDE_EFFECT_SEVERE', 'alert.raised'));
    await monitor.stop();
    await sleep(SETTLE_MS);

    expect(client.about(session.id)).toEqual([
      'alert.raised SPO2_LOW active high',
      'alert.raised SYSTOLIC_HIGH active medium',
      'alert.updated SYSTOLIC_HIGH active high',
      'alert.updated SPO2_LOW acknowledged high',
      'alert.raised SIDE_EFFECT_SEVERE active high',
    ]);
    expect(client.duplicates()).toEqual([]);
    const seqs = client.vitalsSeqs;
    expect(seqs.filter((seq, index) => seqs.indexOf(seq) !== index)).toEqual([]);
    await eventually('the client shows exactly the open alerts the server has', async () => {
      expect(client.open()).toEqual(await serverOpen(b.url));
    });
    await endSession(session.id);
  });

  it('fails a proxied client over when its instance stops, and a restarted instance serves again', async () => {
    const proxy: TcpFailoverProxy = await startTcpFailoverProxy([a.url, b.url, c.url]);
    cleanups.push(() => proxy.close());
    const session = await infusingSession(b.url, 'K4');
    let handshakes = 0;
    const client = await connect('dashboard behind the proxy', proxy.url, tokens.nurse, {
      snapshotFrom: c.url,
      reconnect: true,
      auth: () => {
        handshakes += 1;
        return { token: tokens.nurse };
      },
    });
    expect(proxy.routes).toEqual([a.url]);
    const observer = await connect('observer on C', c.url, tokens.physician);
    // An event first, so that the client holds a recovery offset.
    await call(b.url, 'POST', `/sessions/${session.id}/pause`, tokens.nurse, { reason: 'prime' });
    await call(b.url, 'POST', `/sessions/${session.id}/resume`, tokens.nurse);

    // The proxy takes its time to fail over: the client is certainly away while the alert comes.
    proxy.hold();
    expect(await a.stop()).toBe(0);
    await client.until(
      'the disconnect from the stopped instance',
      () => client.disconnects.length === 1,
    );
    await desaturate(b.url, session.id);
    const alert = await observer.next(
      'SPO2_LOW raised while the client was away',
      ({ event, alert }) => event === 'alert.raised' && alert.sessionId === session.id,
    );
    proxy.release();

    await client.until('the reconnection through the proxy', () => client.connects === 2);
    await client.synced();
    expect(proxy.routes).toEqual([a.url, b.url]);
    expect(handshakes).toBe(2);
    await eventually('the alert raised while away is shown after the reconnection', () => {
      expect(client.open()).toContain(describeAlert(alert));
    });

    // New alerts keep coming, once each.
    await call(c.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
      type: 'hallucinations',
      severity: 'severe',
    });
    const clinical = await client.next(
      'SIDE_EFFECT_SEVERE raised after the failover',
      (r) =>
        r.event === 'alert.raised' &&
        r.alert.code === 'SIDE_EFFECT_SEVERE' &&
        r.alert.sessionId === session.id,
    );
    await sleep(SETTLE_MS);
    expect(client.duplicates()).toEqual([]);
    expect(client.received.filter((r) => r.alert.id === alert.id).map(describeEvent)).toEqual(
      client.recoveries ? ['alert.raised SPO2_LOW active high'] : [],
    );
    expect(client.received.filter((r) => r.alert.id === clinical.id).map(describeEvent)).toEqual([
      'alert.raised SIDE_EFFECT_SEVERE active high',
    ]);
    await eventually(
      'the failed-over client shows exactly the open alerts the server has',
      async () => {
        expect(client.open()).toEqual(await serverOpen(b.url));
      },
    );

    // The replica comes back at its address: it serves, and the proxy sends new clients to it.
    a = await startServerProcess(env, { port: Number(new URL(a.url).port) });
    expect(await call(a.url, 'GET', '/health', null)).toEqual({
      status: 'ok',
      db: 'up',
      redis: 'up',
    });
    await eventually('the restarted instance lists the same open alerts', async () => {
      expect(await serverOpen(a.url)).toEqual(await serverOpen(b.url));
    });
    const onRestarted = await connect('nurse on the restarted A', a.url, tokens.nurse);
    const newcomer = await connect('new client behind the proxy', proxy.url, tokens.physician);
    expect(proxy.routes).toEqual([a.url, b.url, a.url]);
    // It sends through Redis and receives from the others.
    await call(a.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.physician, {});
    const other = await infusingSession(c.url, 'K5');
    await desaturate(c.url, other.id);
    for (const receiver of [client, onRestarted, newcomer]) {
      await receiver.next(
        'the acknowledgement made on the restarted instance',
        (r) => r.alert.id === alert.id && r.alert.state === 'acknowledged',
      );
      await receiver.next(
        'the alert raised on C',
        (r) => r.event === 'alert.raised' && r.alert.sessionId === other.id,
      );
    }
    await sleep(SETTLE_MS);
    for (const receiver of [client, onRestarted, newcomer]) {
      expect({ client: receiver.name, duplicates: receiver.duplicates() }).toEqual({
        client: receiver.name,
        duplicates: [],
      });
    }
    await endSession(session.id);
    await endSession(other.id);
  });

  describe('socket access', () => {
    it('opens no clinician socket without a patient-data role or a valid token', async () => {
      expect(await refusal(a.url, { token: tokens.admin })).toBe('forbidden');
      expect(await refusal(b.url, {})).toBe('unauthorized');
      expect(await refusal(c.url, { token: 'not-a-token' })).toBe('unauthorized');
      const device = await call<{ apiKey: string }>(a.url, 'POST', '/devices', tokens.admin, {
        label: 'cluster monitor',
      });
      expect(await refusal(b.url, { apiKey: device.apiKey })).toBe('unauthorized');
      expect(await refusal(b.url, { token: device.apiKey })).toBe('unauthorized');
      // The same rules on REST: admins read no alerts, auditors acknowledge none.
      expect((await request(c.url, 'GET', '/alerts', tokens.admin)).status).toBe(403);
      const anyAlert = randomUUID();
      expect(
        (await request(b.url, 'POST', `/alerts/${anyAlert}/acknowledge`, tokens.auditor, {}))
          .status,
      ).toBe(403);
    });

    it('refuses an expired or forged token, and closes a socket when its token expires', async () => {
      const { sub, sid } = claimsOf(tokens.nurse);
      const now = Math.floor(Date.now() / 1000);
      const expired = await signToken({ sub, sid, exp: now - 60 });
      expect(await refusal(b.url, { token: expired })).toBe('unauthorized');
      const forged = await signToken({ sub, sid, exp: now + 600 }, 'not the replicas key');
      expect(await refusal(c.url, { token: forged })).toBe('unauthorized');

      // A token that expires in two or three seconds: good now, and the socket ends with it.
      const shortLived = await signToken({ sub, sid, exp: now + 3 });
      const client = await connect('socket with a short-lived token', c.url, shortLived);
      await client.until(
        'the socket to close at token expiry',
        () => client.disconnects.length > 0,
        6_000,
      );
      expect(client.disconnects).toEqual(['io server disconnect']);
      expect(await refusal(c.url, { token: shortLived })).toBe('unauthorized');
    });

    it('refuses a malformed watch with 400 and leaves the socket where it was', async () => {
      const client = await connect('nurse on B', b.url, tokens.nurse);
      const watch = (body: unknown) =>
        client.socket.timeout(EVENT_TIMEOUT_MS).emitWithAck('watch', body) as Promise<
          WatchReply | SocketErrorReply
        >;
      for (const body of [
        { bays: 'K6' },
        { sessionIds: ['not-a-uuid'] },
        { rooms: ['ward'] },
        { bays: [''] },
        'ward',
      ]) {
        expect({ body, reply: await watch(body) }).toEqual({
          body,
          reply: { error: { statusCode: 400, message: expect.any(Array) } },
        });
      }
      expect(await watch({ sessionIds: ['nope'] })).toEqual({
        error: {
          statusCode: 400,
          message: [expect.stringContaining('must be a session id (UUID)')],
        },
      });
      // Still on the whole ward: an alert on any bay reaches it.
      const session = await infusingSession(c.url, 'K6');
      await desaturate(c.url, session.id);
      await client.next('alert.raised on bay K6', (r) => r.alert.sessionId === session.id);
      // A valid narrowing takes it off the other bays; a socket on the whole ward still hears them.
      expect(await watch({ bays: ['K7'] })).toEqual({ bays: ['K7'], sessionIds: [] });
      const ward = await connect('ward watcher on C', c.url, tokens.physician);
      await call(a.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
        type: 'agitation',
        severity: 'severe',
      });
      await ward.next(
        'SIDE_EFFECT_SEVERE raised on bay K6',
        (r) => r.alert.sessionId === session.id,
      );
      await sleep(SETTLE_MS);
      expect(client.about(session.id)).toEqual(['alert.raised SPO2_LOW active high']);
      await endSession(session.id);
    });

    // Revocation reaches sockets through the user's and the login's rooms, on every instance.
    it('ends every socket of a login that ended, also one that narrowed its watch', async () => {
      const token = await login(b.url, 'cl-nurse');
      const wide = await connect('whole-ward socket on A', a.url, token);
      const narrowed = await connect('bay K9 socket on C', c.url, token, {
        watch: { bays: ['K9'] },
      });
      await call(b.url, 'POST', '/auth/logout', token);
      await wide.until('the whole-ward socket to be closed', () => wide.disconnects.length > 0);
      expect(wide.disconnects).toEqual(['io server disconnect']);
      expect(await refusal(a.url, { token })).toBe('unauthorized');
      await narrowed.until(
        'the narrowed socket to be closed after its login ended',
        () => narrowed.disconnects.length > 0,
        3_000,
      );
      expect(narrowed.disconnects).toEqual(['io server disconnect']);
    });

    it('ends every socket of a disabled user, also one that narrowed its watch', async () => {
      const userId = await createUser('cl-leaver', 'physician');
      const token = await login(c.url, 'cl-leaver');
      const wide = await connect('whole-ward socket on B', b.url, token);
      const narrowed = await connect('session-watching socket on A', a.url, token, {
        watch: { sessionIds: [randomUUID()] },
      });
      await call(c.url, 'PATCH', `/users/${userId}`, tokens.admin, { disabled: true });
      await wide.until('the whole-ward socket to be closed', () => wide.disconnects.length > 0);
      expect(wide.disconnects).toEqual(['io server disconnect']);
      await narrowed.until(
        'the narrowed socket to be closed after its user was disabled',
        () => narrowed.disconnects.length > 0,
        3_000,
      );
      expect(narrowed.disconnects).toEqual(['io server disconnect']);
    });
  });
});
