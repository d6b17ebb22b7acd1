import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  alertMessage,
  type Alert,
  type AlertPriority,
  type PhysiologicalCode,
} from '@vigil/shared';
import { DataSource } from 'typeorm';
import { infusingSession, postReading } from '../../test/clinical';
import { until } from '../../test/eventually';
import { holdReadingsCommits } from '../../test/held-commits';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { recordWriterThreadMessages } from '../../test/writer-thread-messages';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AUDIT_HEAD_QUERY, AuditService } from '../audit/audit.service';
import type { DatabaseConfig } from '../config/app-config';
import { WriterTurns } from '../database/writer-turns';
import { Registry } from 'prom-client';
import { AlertWriter, type AlertSubject } from './alert-writer';
import { AlertTimers } from './alert-timers.service';

const sqliteFile = testDatabases()[0];

describe('writing an alert on a SQLite file', () => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  /** A physiological alert raised now, worded as the rules word it. */
  const raise = (
    session: AlertSubject,
    code: PhysiologicalCode,
    priority: AlertPriority,
    value: number,
    threshold: number,
  ) =>
    app.get(AlertWriter).raise(session, {
      kind: 'physiological',
      code,
      priority,
      value,
      threshold,
      message: alertMessage(code, value, threshold),
      at: Date.now(),
    });

  let config: DatabaseConfig;

  beforeAll(async () => {
    config = await sqliteFile.create();
    ({ app } = await startTestApp(config));
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

    const raised = await raise(session, 'SPO2_LOW', 'medium', 92, 94);
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

  it('raises in two messages to the writer thread, and a raise the open alert refuses leaves nothing', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-3', bay: 'W3' });
    const messages = recordWriterThreadMessages();
    const raiseRrLow = () => raise(session, 'RR_LOW', 'high', 7, 8);

    const raised = await raiseRrLow();
    const raiseMessages = messages.splice(0);
    const again = await raiseRrLow();
    jest.restoreAllMocks();

    expect(raised).not.toBeNull();
    expect(raiseMessages).toEqual([
      [expect.stringMatching(/^SELECT state FROM infusion_session/), AUDIT_HEAD_QUERY.sql],
      [
        expect.stringMatching(/^INSERT INTO "alert"/),
        expect.stringMatching(/^INSERT INTO audit_entry/),
        'COMMIT',
      ],
    ]);
    // The second finds the first still open: refused at its COMMIT, rolled back whole.
    expect(again).toBeNull();
    const alerts: Alert[] = (await as('nurse').get(`/alerts?sessionId=${session.id}`).expect(200))
      .body;
    expect(alerts.map((alert) => alert.id)).toEqual([raised?.id]);
    const audit = await as('auditor').get(`/audit?sessionId=${session.id}`).expect(200);
    expect(
      (audit.body as Array<{ action: string }>).filter((entry) => entry.action === 'alert.raised'),
    ).toHaveLength(1);
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
  });

  it('acknowledges on the writer thread too: the update, its audit entry and the commit never on the event loop', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-2', bay: 'W2' });
    const raised = await raise(session, 'HR_HIGH', 'medium', 131, 130);
    const serverConnection = app.get(DataSource).driver.createQueryRunner('master');
    const onTheEventLoop = jest.spyOn(serverConnection, 'query');

    const acknowledged = await as('nurse')
      .post(`/alerts/${raised!.id}/acknowledge`)
      .send({ note: 'Patient anxious; reassured' })
      .expect(200);
    const statements = onTheEventLoop.mock.calls.map(([sql]) => sql);
    onTheEventLoop.mockRestore();

    expect(statements.filter((sql) => /UPDATE|INSERT|audit_entry|COMMIT/i.test(sql))).toEqual([]);
    expect(acknowledged.body).toEqual(
      expect.objectContaining({ id: raised!.id, state: 'acknowledged', revision: 1 }),
    );
    const alerts: Alert[] = (await as('nurse').get(`/alerts?sessionId=${session.id}`).expect(200))
      .body;
    expect(alerts).toEqual([
      expect.objectContaining({
        id: raised!.id,
        state: 'acknowledged',
        acknowledgedBy: 'nurse',
        acknowledgedAt: expect.any(String),
        escalationLevel: 0,
        revision: 1,
      }),
    ]);
    const audit = await as('auditor').get(`/audit?sessionId=${session.id}`).expect(200);
    expect(
      (audit.body as Array<{ action: string; entityId: string }>)
        .filter((entry) => entry.entityId === raised!.id)
        .map((entry) => entry.action),
    ).toEqual(expect.arrayContaining(['alert.raised', 'alert.acknowledged']));
  });

  it('acknowledges in two messages to the writer thread, the update checked by the writer with the COMMIT', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-4', bay: 'W4' });
    const raised = await raise(session, 'HR_HIGH', 'medium', 132, 130);
    const messages = recordWriterThreadMessages();

    await as('nurse').post(`/alerts/${raised!.id}/acknowledge`).send({}).expect(200);
    jest.restoreAllMocks();

    expect(messages).toEqual([
      [
        expect.stringMatching(/^SELECT state FROM infusion_session WHERE id = \(SELECT session_id/),
        expect.stringMatching(/^SELECT .* FROM "alert"/),
        AUDIT_HEAD_QUERY.sql,
      ],
      [
        expect.stringMatching(/^UPDATE "alert"/),
        expect.stringMatching(/^INSERT INTO audit_entry/),
        'COMMIT',
      ],
    ]);
  });

  it('refuses a command whose update changed no row, with nothing of it kept', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-5', bay: 'W5' });
    const raised = await raise(session, 'HR_LOW', 'medium', 44, 45);
    // As if the row had changed after it was read: the database skips the update.
    const database = app.get(DataSource);
    await database.query(
      `CREATE TRIGGER skip_alert_update BEFORE UPDATE ON alert WHEN OLD.id = '${raised!.id}'
       BEGIN SELECT RAISE(IGNORE); END`,
    );
    const refused = await as('nurse').post(`/alerts/${raised!.id}/acknowledge`).send({});
    await database.query('DROP TRIGGER skip_alert_update');

    expect(refused.status).toBe(409);

    expect(refused.body).toMatchObject({ code: 'ALERT_STATE_CONFLICT' });
    const [alert] = (await as('nurse').get(`/alerts?sessionId=${session.id}`).expect(200))
      .body as Alert[];
    expect(alert).toMatchObject({ id: raised!.id, state: 'active', revision: 0 });
    const audit = await as('auditor').get(`/audit?sessionId=${session.id}`).expect(200);
    expect(
      (audit.body as Array<{ action: string; entityId: string }>)
        .filter((entry) => entry.entityId === raised!.id)
        .map((entry) => entry.action),
    ).toEqual(['alert.raised']);
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
  });

  it('commits a raise before the readings that were waiting for the writer ahead of it, and times it for operators', async () => {
    const session = await infusingSession(app, as('physician'), { mrn: 'WRITER-6', bay: 'W6' });
    const release = await holdReadingsCommits(app, config);
    const askedForTurns = jest.spyOn(WriterTurns.prototype, 'runInTurn');
    const reading = postReading(app, session.id);
    await until(
      () => Promise.resolve(askedForTurns.mock.calls.length),
      (asked) => asked === 1,
    );
    const raising = raise(session, 'SPO2_LOW', 'high', 84, 85);
    await until(
      () => Promise.resolve(askedForTurns.mock.calls.length),
      (asked) => asked === 2,
    );
    await release();
    await Promise.all([reading, raising]);
    jest.restoreAllMocks();

    const audit = await as('auditor').get(`/audit?sessionId=${session.id}`).expect(200);
    const actions = (audit.body as Array<{ action: string }>).map((entry) => entry.action);
    expect(actions.slice(-2)).toEqual(['alert.raised', 'vitals.accepted']);
    const metrics = await app.get(Registry).getSingleMetricAsString('vigil_alert_write_seconds');
    expect(metrics).toMatch(/vigil_alert_write_seconds_count\{write="raise",part="turn"\} [1-9]/);
    expect(metrics).toMatch(
      /vigil_alert_write_seconds_count\{write="raise",part="transaction"\} [1-9]/,
    );
  });
});
