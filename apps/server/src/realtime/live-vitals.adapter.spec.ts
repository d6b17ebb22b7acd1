import type { Namespace } from 'socket.io';
import { LiveVitalsAdapter } from './live-vitals.adapter';

const EVENT = 2;

function adapterForRecovery(): LiveVitalsAdapter {
  const namespace = {
    name: '/clinicians',
    sockets: new Map(),
    server: {
      opts: { connectionStateRecovery: { maxDisconnectionDuration: 120_000 } },
      encoder: { encode: (packet: unknown) => [JSON.stringify(packet)] },
    },
  } as unknown as Namespace;
  return new LiveVitalsAdapter(namespace);
}

const broadcastOptions = () => ({ rooms: new Set(['ward']), except: new Set<string>() });

describe('LiveVitalsAdapter', () => {
  it('replays alerts and session changes to a recovered connection but neither kind of vitals event', async () => {
    const adapter = adapterForRecovery();
    adapter.persistSession({
      sid: 'socket-1',
      pid: 'private-1',
      rooms: ['ward'],
      data: {},
    });
    const seen = { type: EVENT, nsp: '/clinicians', data: ['alert.raised', { id: 'a1' }] };
    adapter.broadcast(seen, broadcastOptions());
    const offset = seen.data.at(-1) as string;

    adapter.broadcast(
      { type: EVENT, data: ['vitals', { sessionId: 's1', samples: [] }] },
      broadcastOptions(),
    );
    adapter.broadcast(
      { type: EVENT, data: ['vitals.frame', { items: [{ sessionId: 's1', samples: [] }] }] },
      broadcastOptions(),
    );
    adapter.broadcast({ type: EVENT, data: ['alert.updated', { id: 'a1' }] }, broadcastOptions());

    const restored = await adapter.restoreSession('private-1', offset);
    expect(restored?.missedPackets.map((packet) => packet[0])).toEqual(['alert.updated']);
  });
});
