import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { acceptsVitals } from '@vigil/shared';
import type { Subscription } from 'rxjs';
import { outsideItsBay, type Principal } from '../auth/principal';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import type { IngestSession } from './vitals-group-commit';

interface Entry {
  session: IngestSession;
  /** The read it came from. */
  tick: number;
}

/**
 * What ingest knows of the live sessions without asking the database, so that a reading is judged
 * by the rules on arrival instead of after its group commit (hazard H-F15). Every group commit
 * reads its sessions again and refreshes this; a change of a session, here or on another
 * instance, removes it at once, and a read that began before the change cannot bring the old
 * session back. A session it does not hold is judged after the commit, as before.
 */
@Injectable()
export class LiveSessionRegister implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  /** Sessions that changed while a read was under way, by the tick of the change. */
  private readonly changedDuringReads = new Map<string, number>();
  /** Reads under way, by the tick they began at. */
  private readonly reading = new Set<number>();
  private ticks = 0;
  private readonly changes: Subscription;

  constructor(realtime: ClinicianGateway) {
    this.changes = realtime.sessionsChanged.subscribe((sessionId) => this.invalidate(sessionId));
  }

  onModuleDestroy(): void {
    this.changes.unsubscribe();
  }

  /**
   * The session to judge this principal's readings by on arrival: held, accepting readings, and
   * in the device's own bay. Anything else waits for the commit, which decides the refusal.
   */
  judgeable(principal: Principal, sessionId: string): IngestSession | null {
    const session = this.entries.get(sessionId)?.session;
    if (!session || !acceptsVitals(session.state)) return null;
    return outsideItsBay(principal, session.bay) ? null : session;
  }

  /** Called before the sessions are read; the tick goes back with what the read found. */
  beginRead(): number {
    const tick = ++this.ticks;
    this.reading.add(tick);
    return tick;
  }

  /** What a read found (null if it failed): kept unless the session changed since it began. */
  endRead(tick: number, found: Iterable<IngestSession> | null): void {
    this.reading.delete(tick);
    for (const session of found ?? []) {
      const newest = Math.max(
        this.entries.get(session.id)?.tick ?? 0,
        this.changedDuringReads.get(session.id) ?? 0,
      );
      if (newest > tick) continue;
      if (acceptsVitals(session.state)) this.entries.set(session.id, { session, tick });
      else this.entries.delete(session.id);
    }
    this.forgetSettledChanges();
  }

  invalidate(sessionId: string): void {
    this.entries.delete(sessionId);
    if (this.reading.size > 0) this.changedDuringReads.set(sessionId, ++this.ticks);
  }

  /** A change's mark is needed only while a read that began before it may still end. */
  private forgetSettledChanges(): void {
    let oldestRead = Infinity;
    for (const tick of this.reading) oldestRead = Math.min(oldestRead, tick);
    for (const [sessionId, tick] of this.changedDuringReads)
      if (tick < oldestRead) this.changedDuringReads.delete(sessionId);
  }
}
