import type { VitalSample } from '@vigil/shared';

/** At most this many `vitals` frames a second per session: a 24-chair wall stays smooth. */
export const VITALS_FRAME_MS = 200;

type Flush = (bay: string, sessionId: string, samples: VitalSample[]) => void;

/**
 * Gathers each session's readings for one frame and hands them on as one batch, in time order.
 * Only vitals pass through here; alerts are never delayed or merged.
 */
export class VitalsCoalescer {
  private readonly pending = new Map<string, { bay: string; samples: VitalSample[] }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: Flush,
    private readonly frameMs = VITALS_FRAME_MS,
  ) {}

  add(bay: string, sessionId: string, samples: VitalSample[]): void {
    if (samples.length === 0) return;
    const entry = this.pending.get(sessionId);
    if (entry) entry.samples.push(...samples);
    else this.pending.set(sessionId, { bay, samples: [...samples] });
    this.timer ??= setTimeout(() => this.drain(), this.frameMs);
  }

  /** Sends everything pending now (each frame, and at shutdown so nothing is left behind). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [sessionId, { bay, samples }] of batches) {
      this.flush(
        bay,
        sessionId,
        samples.sort((a, b) => a.at.localeCompare(b.at)),
      );
    }
  }
}
