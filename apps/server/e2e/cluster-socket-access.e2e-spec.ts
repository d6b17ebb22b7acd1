import { type SocketErrorReply, type WatchReply } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { clusterRuns, EVENT_TIMEOUT_MS, SETTLE_MS, sleep, useCluster } from './support/cluster';

/** The clinician socket's access rules hold on every replica. */
(clusterRuns ? describe : describe.skip)('three replicas: socket access', () => {
  const cluster = useCluster();
  const {
    tokens,
    request,
    call,
    login,
    createUser,
    infusingSession,
    endSession,
    desaturate,
    connect,
    refusal,
    signToken,
    claimsOf,
  } = cluster;

  it('opens no clinician socket without a patient-data role or a valid token', async () => {
    expect(await refusal(cluster.a.url, { token: tokens.admin })).toBe('forbidden');
    expect(await refusal(cluster.b.url, {})).toBe('unauthorized');
    expect(await refusal(cluster.c.url, { token: 'not-a-token' })).toBe('unauthorized');
    const device = await call<{ apiKey: string }>(cluster.a.url, 'POST', '/devices', tokens.admin, {
      label: 'cluster monitor',
    });
    expect(await refusal(cluster.b.url, { apiKey: device.apiKey })).toBe('unauthorized');
    expect(await refusal(cluster.b.url, { token: device.apiKey })).toBe('unauthorized');
    // The same rules on REST: admins read no alerts, auditors acknowledge none.
    expect((await request(cluster.c.url, 'GET', '/alerts', tokens.admin)).status).toBe(403);
    const anyAlert = randomUUID();
    expect(
      (await request(cluster.b.url, 'POST', `/alerts/${anyAlert}/acknowledge`, tokens.auditor, {}))
        .status,
    ).toBe(403);
  });

  it('refuses an expired or forged token, and closes a socket when its token expires', async () => {
    const { sub, sid } = claimsOf(tokens.nurse);
    const now = Math.floor(Date.now() / 1000);
    const expired = await signToken({ sub, sid, exp: now - 60 });
    expect(await refusal(cluster.b.url, { token: expired })).toBe('unauthorized');
    const forged = await signToken({ sub, sid, exp: now + 600 }, 'not the replicas key');
    expect(await refusal(cluster.c.url, { token: forged })).toBe('unauthorized');

    // A token that expires in two or three seconds: good now, and the socket ends with it.
    const shortLived = await signToken({ sub, sid, exp: now + 3 });
    const client = await connect('socket with a short-lived token', cluster.c.url, shortLived);
    await client.until(
      'the socket to close at token expiry',
      () => client.disconnects.length > 0,
      6_000,
    );
    expect(client.disconnects).toEqual(['io server disconnect']);
    expect(await refusal(cluster.c.url, { token: shortLived })).toBe('unauthorized');
  });

  it('refuses a malformed watch with 400 and leaves the socket where it was', async () => {
    const client = await connect('nurse on B', cluster.b.url, tokens.nurse);
    const watch = (body: unknown) =>
      client.socket.timeout(EVENT_TIMEOUT_MS).emitWithAck('watch', body) as Promise<
        WatchReply | SocketErrorReply
      >;
    for (const body of [
      { bays: 'K6' },
      { sessionIds: ['not-a-uuid'] },
      { rooms: ['ward'] },
      { bays: [''] },
      'ward',
    ]) {
      expect({ body, reply: await watch(body) }).toEqual({
        body,
        reply: {
          error: { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(Array) },
        },
      });
    }
    expect(await watch({ sessionIds: ['nope'] })).toEqual({
      error: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: [expect.stringContaining('must be a session id (UUID)')],
      },
    });
    // Still on the whole ward: an alert on any bay reaches it.
    const session = await infusingSession(cluster.c.url, 'K6');
    await desaturate(cluster.c.url, session.id);
    await client.next('alert.raised on bay K6', (r) => r.alert.sessionId === session.id);
    // A valid narrowing takes it off the other bays; a socket on the whole ward still hears them.
    expect(await watch({ bays: ['K7'] })).toEqual({ bays: ['K7'], sessionIds: [] });
    const ward = await connect('ward watcher on C', cluster.c.url, tokens.physician);
    await call(cluster.a.url, 'POST', `/sessions/${session.id}/observations`, tokens.nurse, {
      type: 'agitation',
      severity: 'severe',
    });
    await ward.next('SIDE_EFFECT_SEVERE raised on bay K6', (r) => r.alert.sessionId === session.id);
    await sleep(SETTLE_MS);
    expect(client.about(session.id)).toEqual(['alert.raised SPO2_LOW active high']);
    await endSession(session.id);
  });

  // Revocation reaches sockets through the user's and the login's rooms, on every instance.
  it('ends every socket of a login that ended, also one that narrowed its watch', async () => {
    const token = await login(cluster.b.url, 'cl-nurse');
    const wide = await connect('whole-ward socket on A', cluster.a.url, token);
    const narrowed = await connect('bay K9 socket on C', cluster.c.url, token, {
      watch: { bays: ['K9'] },
    });
    await call(cluster.b.url, 'POST', '/auth/logout', token);
    await wide.until('the whole-ward socket to be closed', () => wide.disconnects.length > 0);
    expect(wide.disconnects).toEqual(['io server disconnect']);
    expect(await refusal(cluster.a.url, { token })).toBe('unauthorized');
    await narrowed.until(
      'the narrowed socket to be closed after its login ended',
      () => narrowed.disconnects.length > 0,
      3_000,
    );
    expect(narrowed.disconnects).toEqual(['io server disconnect']);
  });

  it('ends every socket of a disabled user, also one that narrowed its watch', async () => {
    const userId = await createUser('cl-leaver', 'physician');
    const token = await login(cluster.c.url, 'cl-leaver');
    const wide = await connect('whole-ward socket on B', cluster.b.url, token);
    const narrowed = await connect('session-watching socket on A', cluster.a.url, token, {
      watch: { sessionIds: [randomUUID()] },
    });
    await call(cluster.c.url, 'PATCH', `/users/${userId}`, tokens.admin, { disabled: true });
    await wide.until('the whole-ward socket to be closed', () => wide.disconnects.length > 0);
    expect(wide.disconnects).toEqual(['io server disconnect']);
    await narrowed.until(
      'the narrowed socket to be closed after its user was disabled',
      () => narrowed.disconnects.length > 0,
      3_000,
    );
    expect(narrowed.disconnects).toEqual(['io server disconnect']);
  });
});
