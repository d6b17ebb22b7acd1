import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEVICES_NAMESPACE, type Device, type DeviceCreated } from '@vigil/shared';
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp } from '../../test/test-app';
import { prepareSession } from '../../test/clinical';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';

const keyHashOf = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex');

describe.each(testDatabases())('device keys on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let admin: string;
  let sessionId: string;
  const http = () => request(app.getHttpServer());
  const sample = (seq: number) => ({ samples: [{ seq, at: new Date().toISOString(), spo2: 97 }] });

  async function register(body: { label: string; bay?: string }): Promise<DeviceCreated> {
    return (
      await http()
        .post('/api/v1/devices')
        .set('Authorization', `Bearer ${admin}`)
        .send(body)
        .expect(201)
    ).body;
  }

  function connectDevice(apiKey: string): Promise<Socket> {
    const socket = io(`${url}${DEVICES_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { apiKey },
      reconnection: false,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    await seedUsers(app);
    admin = await login(app, 'admin');
    const nurse = await login(app, 'nurse');
    const patient = await http()
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ mrn: 'DEV-1', displayName: 'Device Test', weightKg: 70 })
      .expect(201);
    const session = await http()
      .post('/api/v1/sessions')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ patientId: patient.body.id, bay: '7', indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    sessionId = session.body.id;
    await prepareSession(app, sessionId);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('shows the key once and stores only its hash', async () => {
    const device = await register({ label: 'Bay 7 monitor', bay: '7' });
    expect(device.apiKey).toMatch(/^vgl_[\w-]{43}$/);
    const listed: Device[] = (
      await http().get('/api/v1/devices').set('Authorization', `Bearer ${admin}`).expect(200)
    ).body;
    const entry = listed.find((candidate) => candidate.id === device.id);
    expect(entry).toEqual({
      id: device.id,
      label: 'Bay 7 monitor',
      bay: '7',
      keyPrefix: device.apiKey.slice(0, 10),
      hl7: null,
      createdAt: expect.any(String),
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(device.apiKey);
    const rows: Array<{ key_hash: string }> = await app
      .get(DataSource)
      .query('SELECT key_hash FROM device');
    expect(rows.map((row) => row.key_hash)).not.toContain(device.apiKey);
  });

  it('lets a device post readings with its key, attributed to it', async () => {
    const device = await register({ label: 'Ingest monitor', bay: '7' });
    const reply = await http()
      .post(`/api/v1/sessions/${sessionId}/vitals`)
      .set('X-Device-Key', device.apiKey)
      .send(sample(1))
      .expect(202);
    expect(reply.body).toEqual({ accepted: 1, duplicates: 0 });
    const entries = await app.get(AuditService).list({ sessionId, limit: 100 });
    expect(entries.at(-1)).toMatchObject({
      action: 'vitals.accepted',
      actor: 'device:Ingest monitor',
      role: 'device',
    });
  });

  it('keeps a bay-scoped device to its own bay', async () => {
    const elsewhere = await register({ label: 'Bay 2 monitor', bay: '2' });
    const reply = await http()
      .post(`/api/v1/sessions/${sessionId}/vitals`)
      .set('X-Device-Key', elsewhere.apiKey)
      .send(sample(1))
      .expect(403);
    expect(reply.body.message).toMatch(/registered to bay 2; session .* is in bay 7/);
  });

  it('refuses a revoked key at once, on REST and on an open device socket', async () => {
    const device = await register({ label: 'Soon revoked' });
    await http()
      .post(`/api/v1/sessions/${sessionId}/vitals`)
      .set('X-Device-Key', device.apiKey)
      .send(sample(10))
      .expect(202);
    const socket = await connectDevice(device.apiKey);
    const ack = await socket.emitWithAck('vitals', { sessionId, ...sample(11) });
    expect(ack).toEqual({ accepted: 1, duplicates: 0 });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await http()
      .post(`/api/v1/devices/${device.id}/revoke`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(await disconnected).toBe('io server disconnect');
    const refused = await http()
      .post(`/api/v1/sessions/${sessionId}/vitals`)
      .set('X-Device-Key', device.apiKey)
      .send(sample(12))
      .expect(401);
    expect(refused.body.message).toBe('device key revoked');
    await expect(connectDevice(device.apiKey)).rejects.toThrow('unauthorized');
  });

  it('refuses a key revoked where this instance heard nothing once it next asks, in one query for every key', async () => {
    const revokedElsewhere = await register({ label: 'Revoked on another instance' });
    const stillValid = await register({ label: 'Still valid' });
    const post = (apiKey: string, seq: number) =>
      http()
        .post(`/api/v1/sessions/${sessionId}/vitals`)
        .set('X-Device-Key', apiKey)
        .send(sample(seq));
    await post(revokedElsewhere.apiKey, 20).expect(202);
    await post(stillValid.apiKey, 21).expect(202);
    // As another instance would, with its message to this one lost.
    const dataSource = app.get(DataSource);
    const revokedAt = new Date().toISOString();
    await dataSource.query(
      database.name === 'postgres'
        ? 'UPDATE device SET revoked_at = $1 WHERE id = $2'
        : 'UPDATE device SET revoked_at = ? WHERE id = ?',
      [revokedAt, revokedElsewhere.id],
    );
    const keyLookups = jest.spyOn(dataSource, 'query');
    const later = Date.now() + 11_000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
    try {
      const refused = await post(revokedElsewhere.apiKey, 22).expect(401);
      expect(refused.body.message).toBe('device key revoked');
      await post(stillValid.apiKey, 23).expect(202);
    } finally {
      clock.mockRestore();
    }
    const lookedUp = keyLookups.mock.calls
      .filter(([sql]) => /WHERE key_hash/.test(sql))
      .map(([, parameters]) => (parameters as string[])[0]);
    keyLookups.mockRestore();
    // The revoked key was read again; the valid one was not: the revocations' query did for both.
    expect(lookedUp).toContain(keyHashOf(revokedElsewhere.apiKey));
    expect(lookedUp).not.toContain(keyHashOf(stillValid.apiKey));
  });

  it('answers a device socket with the REST reply or the error, as an ack', async () => {
    const device = await register({ label: 'Socket monitor' });
    const socket = await connectDevice(device.apiKey);
    try {
      expect(
        await socket.emitWithAck('vitals', { sessionId, samples: [{ at: 'now', spo2: 101 }] }),
      ).toEqual({
        error: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: [
            'samples[0].at must be an ISO 8601 date-time',
            'samples[0].spo2 must be between 0 and 100',
          ],
        },
      });
      expect(
        await socket.emitWithAck('vitals', {
          sessionId: '00000000-0000-4000-8000-000000000000',
          ...sample(1),
        }),
      ).toEqual({
        error: {
          statusCode: 404,
          code: 'NOT_FOUND',
          message: 'session 00000000-0000-4000-8000-000000000000 not found',
        },
      });
    } finally {
      socket.close();
    }
  });

  it('refuses a device socket without a valid key', async () => {
    await expect(connectDevice('vgl_forged')).rejects.toThrow('unauthorized');
  });
});
