import { Adapter, type BroadcastOptions, SessionAwareAdapter } from 'socket.io-adapter';

/** socket.io-parser's EVENT packet type. */
const EVENT_PACKET = 2;

interface BroadcastPacket {
  type: number;
  data?: unknown[];
}

/**
 * The in-process adapter with connection-state recovery, minus the `vitals` frames. Recovery keeps
 * every broadcast packet for its whole window (about 1 KB of heap each), which at one frame per
 * bed a second is most of the server's memory. A reconnecting dashboard refetches readings
 * anyway (it resynchronises after every reconnect), so recovery keeps what cannot be refetched
 * as events: alerts and session changes.
 */
export class LiveVitalsAdapter extends SessionAwareAdapter {
  override broadcast(packet: BroadcastPacket, opts: BroadcastOptions): void {
    if (packet.type === EVENT_PACKET && packet.data?.[0] === 'vitals') {
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
  }
}
