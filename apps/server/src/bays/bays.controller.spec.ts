import type { NestExpressApplication } from '@nestjs/platform-express';
import type { WardBay } from '@vigil/shared';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';

describe.each(testDatabases())('ward bays on $name', (database) => {
  let app: NestExpressApplication;
  let nurse: ReturnType<typeof apiAs>;
  let admin: ReturnType<typeof apiAs>;
  let patientCount = 0;

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    const tokens = await tokensByRole(app);
    nurse = apiAs(app, tokens.nurse);
    admin = apiAs(app, tokens.admin);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  async function openSession(bay: string): Promise<string> {
    patientCount += 1;
    const patient = await nurse
      .post('/patients')
      .send({
        mrn: `BAY-${patientCount}`,
        displayName: `Bay Patient ${patientCount}`,
        weightKg: 70,
      })
      .expect(201);
    const session = await nurse
      .post('/sessions')
      .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    return session.body.id as string;
  }

  async function registerDevice(label: string, bay?: string): Promise<string> {
    const device = await admin.post('/devices').send({ label, bay }).expect(201);
    return device.body.id as string;
  }

  const listBays = async (as = nurse): Promise<WardBay[]> =>
    (await as.get('/bays').expect(200)).body;

  it('knows no chair on a ward without devices or sessions', async () => {
    await expect(listBays()).resolves.toEqual([]);
  });

  it('lists device bays and live sessions together, in natural bay order', async () => {
    await registerDevice('Bay 10 monitor', '10');
    await registerDevice('Bay 2 monitor', '2');
    await registerDevice('Spare monitor');
    const scheduled = await openSession('2');
    const recovering = await openSession('11');
    await prepareSession(app, recovering);
    await nurse
      .post(`/sessions/${recovering}/stop`)
      .send({ reason: 'the patient asked to stop' })
      .expect(200);

    await expect(listBays()).resolves.toEqual([
      { bay: '2', sessionId: scheduled, state: 'scheduled' },
      { bay: '10', sessionId: null, state: null },
      { bay: '11', sessionId: recovering, state: 'recovery' },
    ]);
  });

  it('frees a chair whose session ended and forgets one with only a revoked device', async () => {
    const aborted = await openSession('7');
    await nurse.post(`/sessions/${aborted}/abort`).send({ reason: 'patient declined' }).expect(200);
    const revoked = await registerDevice('Bay 8 monitor', '8');
    await admin.post(`/devices/${revoked}/revoke`).expect(200);

    const bays = (await listBays()).map((entry) => entry.bay);
    expect(bays).not.toContain('7');
    expect(bays).not.toContain('8');
  });

  it('answers admins and auditors the same list, without patient data', async () => {
    const tokens = await tokensByRole(app);
    const asNurse = await listBays();
    await expect(listBays(admin)).resolves.toEqual(asNurse);
    await expect(listBays(apiAs(app, tokens.auditor))).resolves.toEqual(asNurse);
    for (const entry of asNurse)
      expect(Object.keys(entry).sort()).toEqual(['bay', 'sessionId', 'state']);
  });
});
