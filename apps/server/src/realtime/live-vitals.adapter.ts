import { Adapter, type BroadcastOptions, SessionAwareAdapter } from 'socket.io-adapter';

/** socket.io-parser's EVENT packet type. */
const EVENT_PACKET = 2;

/** Readings, per chair or framed: refetched on reconnect, so never kept for recovery. */
const LIVE_VITALS_EVENTS = new Set<unknown>(['vitals', 'vitals.frame']);

interface BroadcastPacket {
  type: number;
  data?: unknown[];
}

/**
 * The in-process adapter with connection-state recovery, minus the `vitals` and `vitals.frame`
 * events. Recovery keeps every broadcast packet for its whole window (about 1 KB of heap each),
 * which at one event per bed a second is most of the server's memory. A reconnecting dashboard
 * refetches readings anyway (it resynchronises after every reconnect), so recovery keeps what
 * cannot be refetched as events: alerts and session changes.
 */
export class LiveVitalsAdapter extends SessionAwareAdapter {
  override broadcast(packet: BroadcastPacket, opts: BroadcastOptions): void {
    if (packet.type === EVENT_PACKET && LIVE_VITALS_EVENTS.has(packet.data?.[0])) {
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
  }
}
