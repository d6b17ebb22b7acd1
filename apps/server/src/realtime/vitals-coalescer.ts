import type { VitalSample } from '@vigil/shared';

/** A frame every this many ms: a few a second, so a 24-chair wall stays smooth. */
export const VITALS_FRAME_MS = 200;

/** One chair's readings gathered in a frame, in time order. */
export interface ChairVitals {
  bay: string;
  sessionId: string;
  samples: VitalSample[];
}

/**
 * Gathers every chair's readings for one frame and hands the frame on whole: each chair that
 * changed once, with all its readings in time order. Only vitals pass through here; alerts are
 * never delayed or merged.
 */
export class VitalsCoalescer {
  private pending = new Map<string, ChairVitals>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (frame: ChairVitals[]) => void,
    private readonly frameMs = VITALS_FRAME_MS,
  ) {}

  add(bay: string, sessionId: string, samples: VitalSample[]): void {
    if (samples.length === 0) return;
    const chair = this.pending.get(sessionId);
    if (chair) chair.samples.push(...samples);
    else this.pending.set(sessionId, { bay, sessionId, samples: [...samples] });
    this.timer ??= setTimeout(() => this.drain(), this.frameMs);
  }

  /** Sends everything pending now (each frame, and at shutdown so nothing is left behind). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const frame = [...this.pending.values()];
    this.pending = new Map();
    for (const chair of frame) chair.samples.sort((a, b) => a.at.localeCompare(b.at));
    this.flush(frame);
  }
}

/** How long the frame's longest-waiting reading has been in Vigil: from its arrival to `now`. */
export function frameDelayMs(frame: readonly ChairVitals[], now: number): number {
  let earliest = now;
  for (const { samples } of frame) {
    for (const sample of samples) earliest = Math.min(earliest, Date.parse(sample.receivedAt));
  }
  return Math.max(0, now - earliest);
}
