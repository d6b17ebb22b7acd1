import { Injectable } from '@nestjs/common';
import type { VitalSample } from '@vigil/shared';

/** When this instance last received each sign the sweep watches. */
export interface Arrivals {
  spo2: number | null;
  heartRate: number | null;
  pressure: number | null;
}

interface SessionArrivals {
  /** From batches that have committed. */
  stored: Arrivals;
  /** From batches still on their way to the database. */
  inFlight: Set<Arrivals>;
}

const NONE: Arrivals = { spo2: null, heartRate: null, pressure: null };

/**
 * The sweep's SIGNAL_LOSS and BP_OVERDUE ask whether a chair's monitor is sending, not whether
 * Vigil has stored what it sent: a commit that falls behind must not raise a technical alarm on
 * every chair at once (hazard H-F16). A batch counts from its arrival; a refused one stops
 * counting when it is refused. A committed one keeps counting, so a sweep that read the stored
 * receipt times just before the commit still sees it.
 */
@Injectable()
export class SignalArrivals {
  private readonly sessions = new Map<string, SessionArrivals>();

  /**
   * A batch arrived at `at`; the returned function is called once, with whether it was stored.
   */
  received(
    sessionId: string,
    samples: ReadonlyArray<Pick<VitalSample, 'spo2' | 'heartRate' | 'systolic'>>,
    at: number,
  ): (stored: boolean) => void {
    const batch: Arrivals = { spo2: null, heartRate: null, pressure: null };
    for (const sample of samples) {
      if (sample.spo2 !== undefined) batch.spo2 = at;
      if (sample.heartRate !== undefined) batch.heartRate = at;
      if (sample.systolic !== undefined) batch.pressure = at;
    }
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = { stored: NONE, inFlight: new Set() };
      this.sessions.set(sessionId, session);
    }
    session.inFlight.add(batch);
    const arrivals = session;
    return (stored) => {
      if (!arrivals.inFlight.delete(batch)) return;
      if (stored) arrivals.stored = latest(arrivals.stored, batch);
    };
  }

  of(sessionId: string): Arrivals {
    const session = this.sessions.get(sessionId);
    if (!session) return NONE;
    let arrivals = session.stored;
    for (const batch of session.inFlight) arrivals = latest(arrivals, batch);
    return arrivals;
  }

  /** What the sweep no longer watches is forgotten, unless a batch of it is still in flight. */
  keepOnly(watched: ReadonlySet<string>): void {
    for (const [sessionId, session] of this.sessions)
      if (!watched.has(sessionId) && session.inFlight.size === 0) this.sessions.delete(sessionId);
  }
}

function latest(a: Arrivals, b: Arrivals): Arrivals {
  return {
    spo2: later(a.spo2, b.spo2),
    heartRate: later(a.heartRate, b.heartRate),
    pressure: later(a.pressure, b.pressure),
  };
}

export function later(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
