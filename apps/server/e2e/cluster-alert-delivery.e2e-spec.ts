import { type Alert } from '@vigil/shared';
import { clusterRuns, SETTLE_MS, sleep, describeAlert, useCluster } from './support/cluster';

/** Alerts reach every clinician once whichever replica raised them, acknowledgements likewise. */
(clusterRuns ? describe : describe.skip)(
  'three replicas: alerts and acknowledgements reach everyone, once',
  () => {
    const cluster = useCluster();
    const { tokens, request, call, infusingSession, endSession, desaturate, connect } = cluster;

    it('starts three replicas together on one database and one Redis', async () => {
      for (const instance of [cluster.a, cluster.b, cluster.c]) {
        expect(await call(instance.url, 'GET', '/health', null)).toEqual({
          status: 'ok',
          db: 'up',
          redis: 'up',
        });
      }
    });
    it('delivers an alert raised on one instance to clinicians on every instance, exactly once', async () => {
      const session = await infusingSession(cluster.a.url, 'K1');
      const everywhere = [
        await connect('nurse on A', cluster.a.url, tokens.nurse),
        await connect('physician on B', cluster.b.url, tokens.physician),
        await connect('auditor on C', cluster.c.url, tokens.auditor),
        // In two of the event's three rooms: Socket.IO must still deliver once.
        await connect('bay and session watcher on C', cluster.c.url, tokens.nurse, {
          watch: { bays: ['K1'], sessionIds: [session.id] },
        }),
      ];
      const otherBay = await connect('watcher of bay K9 on B', cluster.b.url, tokens.physician, {
        watch: { bays: ['K9'] },
      });

      await desaturate(cluster.a.url, session.id);

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
        cluster.b.url,
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
      const session = await infusingSession(cluster.b.url, 'K2');
      const everywhere = [
        await connect('nurse on A', cluster.a.url, tokens.nurse),
        await connect('nurse on B', cluster.b.url, tokens.nurse),
        await connect('physician on C', cluster.c.url, tokens.physician),
      ];
      await desaturate(cluster.b.url, session.id);
      const [alert] = await Promise.all(
        everywhere.map((client) =>
          client.next(
            'alert.raised for the desaturation',
            ({ event, alert }) => event === 'alert.raised' && alert.sessionId === session.id,
          ),
        ),
      );
      if (!alert) throw new Error('no screen was told of the alert');

      const acknowledged = await call<Alert>(
        cluster.c.url,
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
      // A second clinician pressing too, on another instance: refused (409), and no second event.
      expect(
        await request(cluster.a.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.nurse, {}),
      ).toMatchObject({
        status: 409,
        body: { code: 'ALERT_STATE_CONFLICT', details: { state: 'acknowledged' } },
      });

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
        await call<Alert[]>(cluster.a.url, 'GET', `/alerts?sessionId=${session.id}`, tokens.nurse),
      ).toEqual([
        expect.objectContaining({ state: 'acknowledged', acknowledgedBy: 'cl-physician' }),
      ]);
      await endSession(session.id);
    });
    it('resolves an alert acknowledged on another instance once its condition clears, on every instance', async () => {
      const session = await infusingSession(cluster.a.url, 'K8');
      const everywhere = [
        await connect('nurse on A', cluster.a.url, tokens.nurse),
        await connect('nurse on B', cluster.b.url, tokens.nurse),
        await connect('physician on C', cluster.c.url, tokens.physician),
      ] as const;
      // The readings (on their own times, a second apart) go to A, which evaluates the session.
      const start = Date.now() - 16_000;
      const reading = (offsetS: number, spo2: number) => ({
        at: new Date(start + offsetS * 1_000).toISOString(),
        spo2,
      });
      await call(cluster.a.url, 'POST', `/sessions/${session.id}/vitals`, tokens.nurse, {
        samples: [reading(0, 90), reading(1, 83)],
      });
      const alert = await everywhere[2].next(
        'alert.raised for the desaturation',
        (r) => r.event === 'alert.raised' && r.alert.sessionId === session.id,
      );
      // Acknowledged on C, which has never seen a reading of this session.
      await call(cluster.c.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.physician, {});
      await Promise.all(
        everywhere.map((client) =>
          client.next(
            'alert.updated acknowledged',
            (r) => r.alert.id === alert.id && r.alert.state === 'acknowledged',
          ),
        ),
      );
      // SpO2 back to 97 for longer than the rule's clear time (10 s): no longer latched, it resolves.
      await call(cluster.a.url, 'POST', `/sessions/${session.id}/vitals`, tokens.nurse, {
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
        await call<Alert[]>(cluster.b.url, 'GET', `/alerts?sessionId=${session.id}`, tokens.nurse),
      ).toEqual([expect.objectContaining({ id: alert.id, state: 'resolved' })]);
      await endSession(session.id);
    });
  },
);
