import { startServerProcess, startTcpFailoverProxy, type TcpFailoverProxy } from '@vigil/testing';
import {
  clusterRuns,
  SETTLE_MS,
  sleep,
  eventually,
  describeAlert,
  describeEvent,
  type AlertEventName,
  type Received,
  useCluster,
} from './support/cluster';

/**
 * A dropped client gets back exactly what it missed; a stopped replica's clients fail over through
 * the proxy and catch up, and a restarted replica serves again.
 */
(clusterRuns ? describe : describe.skip)(
  'three replicas: a dropped or failed-over client catches up',
  () => {
    const cluster = useCluster();
    const {
      tokens,
      cleanups,
      call,
      infusingSession,
      endSession,
      desaturate,
      serverOpen,
      connect,
      startMonitor,
    } = cluster;

    it('gives a client cut off mid-stream exactly what it missed when it reconnects', async () => {
      const session = await infusingSession(cluster.a.url, 'K3');
      const monitor = startMonitor(cluster.a.url, session.id, { spo2: 97, heartRate: 80 });
      const client = await connect('dashboard on B', cluster.b.url, tokens.nurse, {
        snapshotFrom: cluster.c.url,
        reconnect: true,
      });
      const observer = await connect('observer on C', cluster.c.url, tokens.physician);
      await client.until('a vitals frame', () => client.vitalsSeqs.length > 0);
      // Socket.IO hands the recovery offset with the events that pass through the adapter's
      // stream: alerts and session changes, never readings (H-F22). A client must have had one,
      // here another chair's alert, to be recovered rather than resynchronised.
      const neighbour = await infusingSession(cluster.a.url, 'K4');
      await call(cluster.a.url, 'POST', `/sessions/${neighbour.id}/observations`, tokens.nurse, {
        type: 'vomiting',
        severity: 'severe',
      });
      await client.until('an event with an offset', () => client.about(neighbour.id).length > 0);

      client.socket.io.reconnection(false);
      client.socket.io.engine.close();
      await client.until('the disconnect', () => client.disconnects.length === 1);
      expect(client.disconnects).toEqual(['forced close']);

      // Meanwhile: a high alert raised and acknowledged, a medium one raised and upgraded.
      const isFor =
        (code: string, event: AlertEventName, state = 'active') =>
        (r: Received) =>
          r.event === event &&
          r.alert.sessionId === session.id &&
          r.alert.code === code &&
          r.alert.state === state;
      await monitor.send({ spo2: 90 });
      await monitor.send({ spo2: 83 });
      const spo2 = await observer.next('SPO2_LOW raised', isFor('SPO2_LOW', 'alert.raised'));
      await monitor.send({ systolic: 165, diastolic: 90 });
      await observer.next('SYSTOLIC_HIGH raised', isFor('SYSTOLIC_HIGH', 'alert.raised'));
      await monitor.send({ systolic: 185, diastolic: 95 });
      await observer.next(
        'SYSTOLIC_HIGH upgraded',
        (r) => isFor('SYSTOLIC_HIGH', 'alert.updated')(r) && r.alert.priority === 'high',
      );
      await call(cluster.c.url, 'POST', `/alerts/${spo2.id}/acknowledge`, tokens.physician, {});
      await observer.next(
        'SPO2_LOW acknowledged',
        isFor('SPO2_LOW', 'alert.updated', 'acknowledged'),
      );
      expect(client.about(session.id)).toEqual([]);

      client.socket.io.reconnection(true);
      client.socket.connect();
      await client.until('the reconnection', () => client.connects === 2);
      // Same instance, well inside the recovery window: Socket.IO replays what was missed.
      expect(client.recoveries).toBe(1);
      // And what comes after the reconnection arrives as before.
      await call(cluster.a.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
        type: 'vomiting',
        severity: 'severe',
      });
      await client.next('SIDE_EFFECT_SEVERE raised', isFor('SIDE_EFFECT_SEVERE', 'alert.raised'));
      await monitor.stop();
      await sleep(SETTLE_MS);

      expect(client.about(session.id)).toEqual([
        'alert.raised SPO2_LOW active high',
        'alert.raised SYSTOLIC_HIGH active medium',
        'alert.updated SYSTOLIC_HIGH active high',
        'alert.updated SPO2_LOW acknowledged high',
        'alert.raised SIDE_EFFECT_SEVERE active high',
      ]);
      expect(client.duplicates()).toEqual([]);
      const seqs = client.vitalsSeqs;
      expect(seqs.filter((seq, index) => seqs.indexOf(seq) !== index)).toEqual([]);
      await eventually('the client shows exactly the open alerts the server has', async () => {
        expect(client.open()).toEqual(await serverOpen(cluster.b.url));
      });
      await endSession(session.id);
      await endSession(neighbour.id);
    });
    it('fails a proxied client over when its instance stops, and a restarted instance serves again', async () => {
      const proxy: TcpFailoverProxy = await startTcpFailoverProxy([
        cluster.a.url,
        cluster.b.url,
        cluster.c.url,
      ]);
      cleanups.push(() => proxy.close());
      const session = await infusingSession(cluster.b.url, 'K4');
      let handshakes = 0;
      const client = await connect('dashboard behind the proxy', proxy.url, tokens.nurse, {
        snapshotFrom: cluster.c.url,
        reconnect: true,
        auth: () => {
          handshakes += 1;
          return { token: tokens.nurse };
        },
      });
      expect(proxy.routes).toEqual([cluster.a.url]);
      const observer = await connect('observer on C', cluster.c.url, tokens.physician);
      // An event first, so that the client holds a recovery offset.
      await call(cluster.b.url, 'POST', `/sessions/${session.id}/pause`, tokens.nurse, {
        reason: 'prime',
      });
      await call(cluster.b.url, 'POST', `/sessions/${session.id}/resume`, tokens.nurse);

      // The proxy takes its time to fail over: the client is certainly away while the alert comes.
      proxy.hold();
      expect(await cluster.a.stop()).toBe(0);
      await client.until(
        'the disconnect from the stopped instance',
        () => client.disconnects.length === 1,
      );
      await desaturate(cluster.b.url, session.id);
      const alert = await observer.next(
        'SPO2_LOW raised while the client was away',
        ({ event, alert }) => event === 'alert.raised' && alert.sessionId === session.id,
      );
      proxy.release();

      await client.until('the reconnection through the proxy', () => client.connects === 2);
      await client.synced();
      expect(proxy.routes).toEqual([cluster.a.url, cluster.b.url]);
      expect(handshakes).toBe(2);
      await eventually('the alert raised while away is shown after the reconnection', () => {
        expect(client.open()).toContain(describeAlert(alert));
      });

      // New alerts keep coming, once each.
      await call(cluster.c.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
        type: 'hallucinations',
        severity: 'severe',
      });
      const clinical = await client.next(
        'SIDE_EFFECT_SEVERE raised after the failover',
        (r) =>
          r.event === 'alert.raised' &&
          r.alert.code === 'SIDE_EFFECT_SEVERE' &&
          r.alert.sessionId === session.id,
      );
      await sleep(SETTLE_MS);
      expect(client.duplicates()).toEqual([]);
      expect(client.received.filter((r) => r.alert.id === alert.id).map(describeEvent)).toEqual(
        client.recoveries ? ['alert.raised SPO2_LOW active high'] : [],
      );
      expect(client.received.filter((r) => r.alert.id === clinical.id).map(describeEvent)).toEqual([
        'alert.raised SIDE_EFFECT_SEVERE active high',
      ]);
      await eventually(
        'the failed-over client shows exactly the open alerts the server has',
        async () => {
          expect(client.open()).toEqual(await serverOpen(cluster.b.url));
        },
      );

      // The replica comes back at its address: it serves, and the proxy sends new clients to it.
      cluster.a = await startServerProcess(cluster.env, {
        port: Number(new URL(cluster.a.url).port),
      });
      expect(await call(cluster.a.url, 'GET', '/health', null)).toEqual({
        status: 'ok',
        db: 'up',
        redis: 'up',
      });
      await eventually('the restarted instance lists the same open alerts', async () => {
        expect(await serverOpen(cluster.a.url)).toEqual(await serverOpen(cluster.b.url));
      });
      const onRestarted = await connect('nurse on the restarted A', cluster.a.url, tokens.nurse);
      const newcomer = await connect('new client behind the proxy', proxy.url, tokens.physician);
      expect(proxy.routes).toEqual([cluster.a.url, cluster.b.url, cluster.a.url]);
      // It sends through Redis and receives from the others.
      await call(cluster.a.url, 'POST', `/alerts/${alert.id}/acknowledge`, tokens.physician, {});
      const other = await infusingSession(cluster.c.url, 'K5');
      await desaturate(cluster.c.url, other.id);
      for (const receiver of [client, onRestarted, newcomer]) {
        await receiver.next(
          'the acknowledgement made on the restarted instance',
          (r) => r.alert.id === alert.id && r.alert.state === 'acknowledged',
        );
        await receiver.next(
          'the alert raised on C',
          (r) => r.event === 'alert.raised' && r.alert.sessionId === other.id,
        );
      }
      await sleep(SETTLE_MS);
      for (const receiver of [client, onRestarted, newcomer]) {
        expect({ client: receiver.name, duplicates: receiver.duplicates() }).toEqual({
          client: receiver.name,
          duplicates: [],
        });
      }
      await endSession(session.id);
      await endSession(other.id);
    });
  },
);
