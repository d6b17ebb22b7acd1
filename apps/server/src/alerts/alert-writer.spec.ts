import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Alert } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { infusingSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AlertWriter } from './alert-writer';
import { AlertTimers } from './alert-timers.service';

const sqliteFile = testDatabases()[0];

describe('raising an alert on a SQLite file', () => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  beforeAll(async () => {
    ({ app } = await startTestApp(await sqliteFile.create()));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await sqliteFile.drop();
  });

  it('writes the alert, its audit entry and the commit on the writer thread, not on the event loop', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-1', bay: 'W1' });
    // SQLite's one connection: every statement on the event loop goes through its runner.
    const serverConnection = app.get(DataSource).driver.createQueryRunner('master');
    const onTheEventLoop = jest.spyOn(serverConnection, 'query');

    const raised = await app.get(AlertWriter).raise(session, {
      kind: 'physiological',
      code: 'SPO2_LOW',
      priority: 'medium',
      value: 92,
      threshold: 94,
      message: 'SpO2 92 < 94',
      at: Date.now(),
    });
    const statements = onTheEventLoop.mock.calls.map(([sql]) => sql);
    onTheEventLoop.mockRestore();

    expect(raised).not.toBeNull();
    expect(statements.filter((sql) => /alert|audit_entry|COMMIT/i.test(sql))).toEqual([]);
    const alerts: Alert[] = (await as('nurse').get(`/alerts?sessionId=${session.id}`).expect(200))
      .body;
    expect(alerts).toEqual([
      expect.objectContaining({
        id: raised?.id,
        code: 'SPO2_LOW',
        priority: 'medium',
        state: 'active',
        value: 92,
        threshold: 94,
        revision: 0,
      }),
    ]);
    const audit = await as('auditor').get(`/audit?sessionId=${session.id}`).expect(200);
    expect(
      (audit.body as Array<{ action: string; entityId: string }>).filter(
        (entry) => entry.action === 'alert.raised',
      ),
    ).toEqual([expect.objectContaining({ entityId: raised?.id })]);
  });
});
