import type { INestApplication } from '@nestjs/common';
import {
  type Alert,
  CLINICIANS_NAMESPACE,
  type VitalSample,
  type VitalsEvent,
  type VitalsFrame,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { startTestApp } from '../../test/test-app';
import { RedisConnection } from '../redis/redis.module';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { ClinicianGateway } from './clinician.gateway';
import { VITALS_FRAME_MS } from './vitals-coalescer';

const CHAIRS = 12;

/** Everything a screen received, in the order it arrived. */
interface Screen {
  socket: Socket;
  events: Array<[string, unknown]>;
}

async function connect(url: string, auth: Record<string, unknown>): Promise<Screen> {
  const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
    transports: ['websocket'],
    auth,
    reconnection: false,
  });
  const screen: Screen = { socket, events: [] };
  socket.onAny((event: string, payload: unknown) => screen.events.push([event, payload]));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return screen;
}

const received = <T>(screen: Screen, name: string): T[] =>
  screen.events.filter(([event]) => event === name).map(([, payload]) => payload as T);

function reading(sessionId: string, seq: number): VitalSample {
  const at = new Date(Date.UTC(2026, 10, 25, 10, 0, seq)).toISOString();
  return { sessionId, seq, at, receivedAt: at, spo2: 97, heartRate: 80 };
}

/** `CHAIRS` chairs in bays `<prefix>1…`, each with one new reading, all within one frame. */
function chairs(prefix: string) {
  return Array.from({ length: CHAIRS }, (_, index) => ({
    bay: `${prefix}${index + 1}`,
    sessionId: randomUUID(),
  }));
}

function publishReadings(app: INestApplication, ward: ReturnType<typeof chairs>, seq = 1) {
  const gateway = app.get(ClinicianGateway);
  for (const { bay, sessionId } of ward)
    gateway.publishVitals(bay, sessionId, [reading(sessionId, seq)]);
}

/** Long enough for a frame to be sent and to cross the loopback (and Redis). */
const afterFrames = (frames = 2) =>
  new Promise((resolve) => setTimeout(resolve, VITALS_FRAME_MS * frames + 300));

/** A session's readings as they reached a screen, whichever way they came. */
const sessionIdsIn = (frames: VitalsFrame[]) =>
  frames.flatMap((frame) => frame.items.map((item) => item.sessionId));

const sqlite = testDatabases()[0];

describe('vitals frames to screens', () => {
  let app: INestApplication;
  let url: string;
  let token: string;
  const screens: Screen[] = [];
  const screen = async (auth: Record<string, unknown>) => {
    const opened = await connect(url, { token, ...auth });
    screens.push(opened);
    return opened;
  };

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await sqlite.create()));
    await seedUsers(app);
    token = await login(app, 'nurse');
  });

  afterEach(() => {
    screens.splice(0).forEach(({ socket }) => socket.close());
  });

  afterAll(async () => {
    await app?.close();
    await sqlite.drop();
  });

  it('sends every chair that changed as one frame per tick to a screen that asked for frames, and one vitals per chair to one that did not', async () => {
    const framed = await screen({ frames: true });
    const perChair = await screen({});
    const ward = chairs('A');

    publishReadings(app, ward);
    await afterFrames();

    const frames = received<VitalsFrame>(framed, 'vitals.frame');
    expect(frames).toHaveLength(1);
    expect(frames[0]?.items).toEqual(
      ward.map(({ sessionId }) => ({ sessionId, samples: [reading(sessionId, 1)] })),
    );
    // Vigil says its own delay: since these readings' arrival (their receivedAt, a fixed past time).
    const arrived = Date.parse(reading('any', 1).receivedAt);
    expect(frames[0]?.delayMs).toBeGreaterThanOrEqual(Date.now() - arrived - 60_000);
    expect(received(framed, 'vitals')).toEqual([]);
    expect(
      received<VitalsEvent>(perChair, 'vitals')
        .map((event) => event.sessionId)
        .sort(),
    ).toEqual(ward.map(({ sessionId }) => sessionId).sort());
    expect(received(perChair, 'vitals.frame')).toEqual([]);
  });

  it('sends the next tick its own frame with only the chairs that changed in it', async () => {
    const framed = await screen({ frames: true });
    const ward = chairs('B');

    publishReadings(app, ward);
    await afterFrames();
    publishReadings(app, ward.slice(0, 3), 2);
    await afterFrames();

    const frames = received<VitalsFrame>(framed, 'vitals.frame');
    expect(frames.map((frame) => frame.items.length)).toEqual([CHAIRS, 3]);
    expect(frames[1]?.items.map((item) => item.samples[0]?.seq)).toEqual([2, 2, 2]);
  });

  it('sends a raised alert at once, ahead of the frame that carries the readings before it', async () => {
    const framed = await screen({ frames: true });
    const ward = chairs('C');
    const [first] = ward;
    if (!first) throw new Error('no chair');
    const alert = { id: randomUUID(), sessionId: first.sessionId, bay: first.bay } as Alert;

    publishReadings(app, ward);
    app.get(ClinicianGateway).publishAlert('alert.raised', alert);
    await afterFrames();

    expect(framed.events.map(([event]) => event)).toEqual(['alert.raised', 'vitals.frame']);
    expect(received(framed, 'alert.raised')).toEqual([alert]);
  });

  it('gives a framed screen that narrows to bays one frame a tick with its chairs only, a screen without frames one vitals per chair, and the whole ward again once it widens', async () => {
    const framed = await screen({ frames: true });
    const perChair = await screen({});
    const ward = chairs('D');
    const [first, second, third] = ward;
    if (!first || !second || !third) throw new Error('no chairs');
    const bays = [first.bay, second.bay];

    expect(await framed.socket.emitWithAck('watch', { bays })).toEqual({ bays, sessionIds: [] });
    // A chair watched by its bay and by its session comes once.
    await framed.socket.emitWithAck('watch', {
      bays,
      sessionIds: [first.sessionId, third.sessionId],
    });
    await perChair.socket.emitWithAck('watch', { bays });
    publishReadings(app, ward);
    await afterFrames();

    const frames = received<VitalsFrame>(framed, 'vitals.frame');
    expect(frames).toHaveLength(1);
    expect(frames[0]?.items).toEqual(
      [first, second, third].map(({ sessionId }) => ({
        sessionId,
        samples: [reading(sessionId, 1)],
      })),
    );
    expect(frames[0]?.delayMs).toEqual(expect.any(Number));
    expect(received(framed, 'vitals')).toEqual([]);
    expect(
      received<VitalsEvent>(perChair, 'vitals')
        .map((event) => event.sessionId)
        .sort(),
    ).toEqual([first.sessionId, second.sessionId].sort());
    expect(received(perChair, 'vitals.frame')).toEqual([]);

    expect(await framed.socket.emitWithAck('watch', {})).toEqual({ bays: 'all', sessionIds: [] });
    publishReadings(app, ward, 2);
    await afterFrames();
    expect(sessionIdsIn(received<VitalsFrame>(framed, 'vitals.frame').slice(1))).toEqual(
      ward.map(({ sessionId }) => sessionId),
    );
    expect(received(framed, 'vitals')).toEqual([]);
  });

  it('still sends a narrowed framed screen its alerts at once, and nothing once it has gone', async () => {
    const framed = await screen({ frames: true });
    const ward = chairs('G');
    const [first] = ward;
    if (!first) throw new Error('no chair');
    const alert = { id: randomUUID(), sessionId: first.sessionId, bay: first.bay } as Alert;
    await framed.socket.emitWithAck('watch', { bays: [first.bay] });

    publishReadings(app, ward);
    app.get(ClinicianGateway).publishAlert('alert.raised', alert);
    await afterFrames();
    expect(framed.events.map(([event]) => event)).toEqual(['alert.raised', 'vitals.frame']);

    framed.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    publishReadings(app, ward, 2);
    await afterFrames();
    expect(received(framed, 'vitals.frame')).toHaveLength(1);
  });

  it('keeps a narrowed framed screen on its chairs as frames after its connection drops and is recovered', async () => {
    const ward = chairs('J');
    const [first] = ward;
    if (!first) throw new Error('no chair');
    const framed = await screen({ frames: true });
    await framed.socket.emitWithAck('watch', { bays: [first.bay] });
    // Socket.IO gives a recovery offset with the first event kept for recovery: an alert.
    const alert = { id: randomUUID(), sessionId: first.sessionId, bay: first.bay } as Alert;
    const primed = new Promise((resolve) => framed.socket.once('alert.raised', resolve));
    app.get(ClinicianGateway).publishAlert('alert.raised', alert);
    await primed;

    const back = new Promise<void>((resolve) =>
      framed.socket.io.once('reconnect', () => resolve()),
    );
    framed.socket.io.reconnection(true);
    framed.socket.io.engine.close();
    await back;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(framed.socket.recovered).toBe(true);
    publishReadings(app, ward);
    await afterFrames();

    expect(sessionIdsIn(received<VitalsFrame>(framed, 'vitals.frame'))).toEqual([first.sessionId]);
    expect(received(framed, 'vitals')).toEqual([]);
  });
});

const postgres = testDatabases().find((database) => database.name === 'postgres');

(postgres && serviceAvailable('redis') ? describe : describe.skip)(
  'vitals frames over two instances on PostgreSQL and Redis',
  () => {
    let first: INestApplication;
    let second: INestApplication;
    let secondUrl: string;
    let token: string;
    const screens: Screen[] = [];
    /** A nurse's screen on the second instance, closed after the suite. */
    const screenOnSecond = async (auth: Record<string, unknown>) => {
      const opened = await connect(secondUrl, { token, ...auth });
      screens.push(opened);
      return opened;
    };

    beforeAll(async () => {
      const database = await (postgres as NonNullable<typeof postgres>).create();
      ({ app: first } = await startTestApp(database, { redisUrl: REDIS_TEST_URL }));
      ({ app: second, url: secondUrl } = await startTestApp(database, {
        redisUrl: REDIS_TEST_URL,
      }));
      await seedUsers(first);
      token = await login(first, 'nurse');
    });

    afterAll(async () => {
      screens.forEach(({ socket }) => socket.close());
      await Promise.all([first?.close(), second?.close()]);
      await postgres?.drop();
    });

    it('brings a screen on one instance a frame per instance per tick, with the chairs each ingested', async () => {
      const framed = await screenOnSecond({ frames: true });
      const ingestedFirst = chairs('E');
      const ingestedSecond = chairs('F');

      publishReadings(first, ingestedFirst);
      publishReadings(second, ingestedSecond);
      await afterFrames(3);

      const frames = received<VitalsFrame>(framed, 'vitals.frame');
      expect(frames).toHaveLength(2);
      expect(frames.map((frame) => sessionIdsIn([frame]).sort()).sort()).toEqual(
        [ingestedFirst, ingestedSecond]
          .map((ward) => ward.map(({ sessionId }) => sessionId).sort())
          .sort(),
      );
      expect(received(framed, 'vitals')).toEqual([]);
    });

    it('brings a screen without frames on one instance one vitals per chair that either instance ingested', async () => {
      const perChair = await screenOnSecond({});
      const ingestedFirst = chairs('J');
      const ingestedSecond = chairs('K');

      publishReadings(first, ingestedFirst);
      publishReadings(second, ingestedSecond);
      await afterFrames(3);

      const perChairEvents = received<VitalsEvent>(perChair, 'vitals');
      expect(perChairEvents.map((event) => event.sessionId).sort()).toEqual(
        [...ingestedFirst, ...ingestedSecond].map(({ sessionId }) => sessionId).sort(),
      );
      const firstChair = ingestedFirst[0];
      if (!firstChair) throw new Error('no chair');
      expect(perChairEvents).toContainEqual({
        sessionId: firstChair.sessionId,
        samples: [reading(firstChair.sessionId, 1)],
      });
      expect(received(perChair, 'vitals.frame')).toEqual([]);
    });

    it('keeps readings out of the adapter’s stream, which alerts must find for recovery', async () => {
      await screenOnSecond({});
      await screenOnSecond({ frames: true });
      const redis = first.get(RedisConnection);
      const client = await redis.connect();
      if (!client) throw new Error('no Redis');
      const streamLength = () => client.xLen(redis.key('socket.io'));
      const ward = chairs('L');
      const [watched] = ward;
      if (!watched) throw new Error('no chair');
      const before = await streamLength();

      publishReadings(first, ward);
      publishReadings(second, chairs('M'));
      await afterFrames(3);
      const afterReadings = await streamLength();
      first.get(ClinicianGateway).publishAlert('alert.raised', {
        id: randomUUID(),
        sessionId: watched.sessionId,
        bay: watched.bay,
      } as Alert);
      await afterFrames(1);

      expect(afterReadings - before).toBe(0);
      expect(await streamLength()).toBeGreaterThan(afterReadings);
    });

    it('brings a narrowed framed screen on one instance its chairs from every instance, as frames', async () => {
      const framed = await screenOnSecond({ frames: true });
      const ingestedFirst = chairs('H');
      const ingestedSecond = chairs('I');
      const watched = [ingestedFirst[0], ingestedSecond[0]].map((chair) => {
        if (!chair) throw new Error('no chair');
        return chair;
      });
      await framed.socket.emitWithAck('watch', { bays: watched.map(({ bay }) => bay) });

      publishReadings(first, ingestedFirst);
      publishReadings(second, ingestedSecond);
      await afterFrames(3);

      const frames = received<VitalsFrame>(framed, 'vitals.frame');
      expect(frames.map((frame) => sessionIdsIn([frame])).sort()).toEqual(
        watched.map(({ sessionId }) => [sessionId]).sort(),
      );
      expect(received(framed, 'vitals')).toEqual([]);
    });
  },
);
