import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Device, Session, SourcedVitalSample } from '@vigil/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login } from '../../test/test-users';
import { DEMO_HL7_SOURCE } from './demo-hl7-gateway';
import { DEMO_WARD } from './demo-ward';

describe('the demo ward with VIGIL_MLLP_PORT', () => {
  const [sqlite] = testDatabases();
  let app: NestExpressApplication;
  const hl7Chair = DEMO_WARD.find((chair) => chair.viaHl7)!;

  beforeAll(async () => {
    ({ app } = await startTestApp(await sqlite.create(), { demo: true, mllpPort: 0 }));
  });

  afterAll(async () => {
    await app?.close();
    await sqlite.drop();
  });

  it("sends one chair's readings as HL7 v2 over MLLP, through its registered gateway", async () => {
    const nurse = apiAs(app, await login(app, 'nurse', 'demo'));
    const sessions: Session[] = (await nurse.get('/sessions').expect(200)).body;
    const bySession = new Map(sessions.map((session) => [session.bay, session.id]));
    const readings = async (bay: string): Promise<SourcedVitalSample[]> =>
      (await nurse.get(`/sessions/${bySession.get(bay)}/vitals`).expect(200)).body;

    // The simulator sends a reading a second; the first arrive once the listener has stored them.
    const fromDevices = async () =>
      (await readings(hl7Chair.bay)).filter((sample) => sample.source.startsWith('device:'));
    let arrived: SourcedVitalSample[] = [];
    while (arrived.length === 0) {
      await sleep(250);
      arrived = await fromDevices();
    }
    const devices: Device[] = (
      await apiAs(app, await login(app, 'admin', 'demo'))
        .get('/devices')
        .expect(200)
    ).body;
    const gateway = devices.filter((device) => device.hl7);
    expect(gateway).toEqual([
      expect.objectContaining({ bay: hl7Chair.bay, hl7: DEMO_HL7_SOURCE, revokedAt: null }),
    ]);
    expect(new Set(arrived.map((sample) => sample.source))).toEqual(
      new Set([`device:${gateway[0]!.id}`]),
    );
    // The other chairs' monitors still post through the REST ingest, each as its own source.
    const other = DEMO_WARD.find((chair) => !chair.viaHl7 && chair.opening.state !== 'assessed')!;
    for (const sample of await readings(other.bay)) {
      expect(sample.source).not.toBe(`device:${gateway[0]!.id}`);
    }
  });
});
