import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Session, TimelineEvent } from '@vigil/shared';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login } from '../../test/test-users';

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

  it('opens each chair with a log in protocol order: scheduled, assessed, then started and stopped', async () => {
    const auditor = apiAs(app, await login(app, 'auditor', 'demo'));
    const sessions: Session[] = (await auditor.get('/sessions').expect(200)).body;
    const byState = new Map<string, string[]>();
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
});
