import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Alert, AuditEntry } from '@vigil/shared';
import { infusingSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { ALERT_ENGINE_ACTOR, AlertWriter } from './alert-writer';
import { AlertTimers } from './alert-timers.service';

describe.each(testDatabases())('changes of one alert on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    // Only the writes under test touch the alerts: no escalation or signal loss from the sweep.
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  /** A medium SpO2 alert, open on an infusing session, raised the way the engine raises it. */
  async function openAlert(): Promise<Alert> {
    bay += 1;
    const session = await infusingSession(app, as('physician'), {
      mrn: `RACE-${bay}`,
      bay: `R${bay}`,
    });
    const raised = await app.get(AlertWriter).raise(session, {
      kind: 'physiological',
      code: 'SPO2_LOW',
      priority: 'medium',
      value: 92,
      threshold: 94,
      message: 'SpO2 92 < 94',
      at: Date.now(),
    });
    if (!raised) throw new Error('the alert was not raised');
    return (await as('nurse').get(`/alerts?sessionId=${session.id}`).expect(200)).body[0];
  }

  const acknowledge = (id: string, body: Record<string, unknown> = {}) =>
    as('nurse').post(`/alerts/${id}/acknowledge`).send(body);

  async function stored(alert: Alert): Promise<Alert> {
    const alerts: Alert[] = (
      await as('nurse').get(`/alerts?sessionId=${alert.sessionId}`).expect(200)
    ).body;
    return alerts.find((candidate) => candidate.id === alert.id) as Alert;
  }

  /** The alert's story as the audit trail tells it, in chain order. */
  async function story(alert: Alert): Promise<AuditEntry[]> {
    const entries = await app.get(AuditService).list({ sessionId: alert.sessionId, limit: 1000 });
    return entries
      .filter((entry) => entry.entityId === alert.id && entry.action.startsWith('alert.'))
      .sort((a, b) => a.seq - b.seq);
  }

  it('answers a repeated acknowledgement 409, naming the state', async () => {
    const alert = await openAlert();
    await acknowledge(alert.id).expect(200);
    const again = await acknowledge(alert.id).expect(409);
    expect(again.body).toMatchObject({
      code: 'ALERT_STATE_CONFLICT',
      details: { state: 'acknowledged', revision: 1 },
    });
  });

  // Races need a database whose writers truly run at once: SQLite's take turns.
  if (database.name === 'postgres') {
    it('lets exactly one of ten concurrent acknowledgements win; the others get 409', async () => {
      const alert = await openAlert();
      const replies = await Promise.all(Array.from({ length: 10 }, () => acknowledge(alert.id)));
      const winners = replies.filter((reply) => reply.status === 200);
      expect(winners).toHaveLength(1);
      const losers = replies.filter((reply) => reply.status === 409);
      expect(losers).toHaveLength(9);
      expect(new Set(losers.map((reply) => reply.body.code))).toEqual(
        new Set(['ALERT_STATE_CONFLICT']),
      );
      const final = await stored(alert);
      expect(final).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'nurse', revision: 1 });
      expect(winners[0]?.body).toMatchObject({ state: 'acknowledged', revision: 1 });
      expect((await story(alert)).map((entry) => entry.action)).toEqual([
        'alert.raised',
        'alert.acknowledged',
      ]);
    });

    it('never acknowledges an alert after its resolution: ten acknowledgements racing a resolve', async () => {
      const alert = await openAlert();
      const resolving = app.get(AlertWriter).command(ALERT_ENGINE_ACTOR, alert.id, {
        type: 'resolve',
        at: new Date().toISOString(),
        reason: 'cleared',
      });
      const [replies, resolution] = await Promise.all([
        Promise.all(Array.from({ length: 10 }, () => acknowledge(alert.id))),
        resolving,
      ]);
      expect(resolution).toHaveProperty('changed');
      const acknowledged = replies.filter((reply) => reply.status === 200);
      expect(acknowledged.length).toBeLessThanOrEqual(1);
      expect(replies.filter((reply) => reply.status === 409)).toHaveLength(
        10 - acknowledged.length,
      );

      const final = await stored(alert);
      expect(final).toMatchObject({ state: 'resolved', resolvedReason: 'cleared' });
      expect(final.revision).toBe(1 + acknowledged.length);
      expect(final.acknowledgedBy).toBe(acknowledged.length === 1 ? 'nurse' : null);
      // The trail tells the table's story, in its order: acknowledged (if that won) then resolved.
      expect((await story(alert)).map((entry) => entry.action)).toEqual([
        'alert.raised',
        ...(acknowledged.length === 1 ? ['alert.acknowledged'] : []),
        'alert.resolved',
      ]);
    });

    it('never leaves an upgrade to high acknowledged: an upgrade racing an acknowledgement', async () => {
      const alert = await openAlert();
      const upgrading = app.get(AlertWriter).command(ALERT_ENGINE_ACTOR, alert.id, {
        type: 'upgrade',
        priority: 'high',
        value: 86,
        threshold: 90,
        message: 'SpO2 86 < 90',
      });
      const [reply, upgrade] = await Promise.all([
        acknowledge(alert.id, { priority: 'medium' }),
        upgrading,
      ]);
      expect(upgrade).toHaveProperty('changed');
      expect([200, 409]).toContain(reply.status);

      const final = await stored(alert);
      expect(final).toMatchObject({
        priority: 'high',
        state: 'active',
        acknowledgedBy: null,
        message: 'SpO2 86 < 90',
      });
      const entries = await story(alert);
      if (reply.status === 200) {
        // The acknowledgement of the medium alert came first; the upgrade made it news again.
        expect(final.revision).toBe(2);
        expect(entries.map((entry) => entry.action)).toEqual([
          'alert.raised',
          'alert.acknowledged',
          'alert.upgraded',
        ]);
        expect(entries[2]?.detail).toMatchObject({ to: 'high', reactivated: true });
      } else {
        expect(reply.body).toMatchObject({
          code: 'ALERT_STATE_CONFLICT',
          details: { priority: 'high' },
        });
        expect(final.revision).toBe(1);
        expect(entries.map((entry) => entry.action)).toEqual(['alert.raised', 'alert.upgraded']);
        expect(entries[1]?.detail).toMatchObject({ to: 'high', reactivated: false });
      }
    });

    it('orders acknowledgements racing the end of the session: no error, no alert left open', async () => {
      const alert = await openAlert();
      await as('nurse')
        .post(`/sessions/${alert.sessionId}/stop`)
        .send({ reason: 'the patient asked to stop' })
        .expect(200);
      const [ending, ...replies] = await Promise.all([
        as('physician')
          .post(`/sessions/${alert.sessionId}/abort`)
          .send({ reason: 'left against advice' }),
        ...Array.from({ length: 10 }, () => acknowledge(alert.id)),
      ]);
      expect(ending.status).toBe(200);
      const acknowledged = replies.filter((reply) => reply.status === 200);
      expect(acknowledged.length).toBeLessThanOrEqual(1);
      expect(replies.filter((reply) => reply.status === 409)).toHaveLength(
        10 - acknowledged.length,
      );
      expect(await stored(alert)).toMatchObject({
        state: 'resolved',
        resolvedReason: 'session-ended',
      });
      expect((await story(alert)).map((entry) => entry.action)).toEqual([
        'alert.raised',
        ...(acknowledged.length === 1 ? ['alert.acknowledged'] : []),
        'alert.resolved',
      ]);
    });
  }
});
