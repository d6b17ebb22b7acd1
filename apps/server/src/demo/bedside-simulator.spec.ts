import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  KetamineBalance,
  KetamineEntry,
  Session,
  TimelineEvent,
  WardBay,
} from '@vigil/shared';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login } from '../../test/test-users';
import { ketamineToDraw } from './demo-ward';

describe('the demo ward', () => {
  const [sqlite] = testDatabases();
  let app: NestExpressApplication;

  beforeAll(async () => {
    ({ app } = await startTestApp(await sqlite.create(), { demo: true }));
  });

  afterAll(async () => {
    await app?.close();
    await sqlite.drop();
  });

  it('lists every chair of the demo ward, whether or not a demo patient sits in it', async () => {
    // Demo mode seeds its own users, with the demo password.
    const token = await login(app, 'nurse', 'demo');
    const bays: WardBay[] = (await apiAs(app, token).get('/bays').expect(200)).body;
    expect(bays.map((entry) => entry.bay)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('opens each chair with a log in protocol order: scheduled, assessed, then started and stopped', async () => {
    const auditor = apiAs(app, await login(app, 'auditor', 'demo'));
    const sessions: Session[] = (await auditor.get('/sessions').expect(200)).body;
    const byState = new Map<string, Array<string | undefined>>();
    for (const session of sessions) {
      const log: TimelineEvent[] = (await auditor.get(`/sessions/${session.id}/log`).expect(200))
        .body;
      const steps = log
        .filter((event) => event.kind === 'state' || event.kind === 'assessment')
        .map((event) => event.summary.split(':')[0]);
      byState.set(session.state, steps);
    }
    expect(byState.get('assessed')).toEqual(['Session scheduled', 'Assessment']);
    expect(byState.get('infusing')).toEqual([
      'Session scheduled',
      'Assessment',
      'Infusion started',
    ]);
    expect(byState.get('recovery')).toEqual([
      'Session scheduled',
      'Assessment',
      'Infusion started',
      'Infusion stopped; recovery',
    ]);
  });

  it('draws ketamine at each start and wastes the rest at the stop, witnessed, so the balance closes', async () => {
    const physician = apiAs(app, await login(app, 'physician', 'demo'));
    const sessions: Session[] = (
      await physician.get('/sessions').query({ live: 'true' }).expect(200)
    ).body;
    const record = async (state: Session['state']) => {
      const session = sessions.find((candidate) => candidate.state === state)!;
      const body: { entries: KetamineEntry[]; balance: KetamineBalance } = (
        await physician.get(`/sessions/${session.id}/ketamine`).expect(200)
      ).body;
      return { session, ...body };
    };

    const assessed = await record('assessed');
    expect(assessed.entries).toEqual([]);

    const infusing = await record('infusing');
    expect(infusing.entries.map(({ kind, mg, lot }) => ({ kind, mg, lot }))).toEqual([
      { kind: 'drawn', mg: ketamineToDraw(infusing.session.totalDoseMg), lot: 'DEMO-LOT-1' },
    ]);

    const recovery = await record('recovery');
    const drawn = ketamineToDraw(recovery.session.totalDoseMg);
    expect(recovery.entries.map((entry) => entry.kind)).toEqual(['drawn', 'wasted']);
    const wasted = recovery.entries[1]!;
    expect(wasted.witnessedBy).toBe('physician');
    expect(wasted.recordedBy).not.toBe('physician');
    expect(wasted.mg).toBeCloseTo(drawn - recovery.session.deliveredMg, 1);
    expect(recovery.balance).toMatchObject({ drawnMg: drawn, recorded: true, closed: true });
    // So the demo's patients in recovery can go home: the record does not hold them.
    const readiness = await physician
      .get(`/sessions/${recovery.session.id}/discharge-readiness`)
      .expect(200);
    const criteria: { code: string }[] = readiness.body.criteria;
    expect(criteria.find((criterion) => criterion.code === 'KETAMINE_BALANCE')).toMatchObject({
      met: true,
    });
  });
});
