/** What a screen watches when it watches less than the whole ward. */
export interface NarrowedWatch {
  bays: readonly string[];
  sessionIds: readonly string[];
}

/**
 * The screens on this instance that asked for frames and watch only some chairs (a ward's wall
 * display, its bays): each gets one `vitals.frame` a frame with the chairs it watches, instead of
 * one `vitals` per chair, so what a wall receives does not grow with its chairs either.
 */
export class NarrowedFrames {
  private readonly watches = new Map<string, NarrowedWatch>();
  private readonly byBay = new Map<string, Set<string>>();
  private readonly bySession = new Map<string, Set<string>>();

  /** The screen's watch from now on, in place of any it had. */
  watch(screenId: string, watch: NarrowedWatch): void {
    this.forget(screenId);
    this.watches.set(screenId, watch);
    for (const bay of watch.bays) screensOf(this.byBay, bay).add(screenId);
    for (const sessionId of watch.sessionIds) screensOf(this.bySession, sessionId).add(screenId);
  }

  forget(screenId: string): void {
    const watch = this.watches.get(screenId);
    if (!watch) return;
    this.watches.delete(screenId);
    for (const bay of watch.bays) leave(this.byBay, bay, screenId);
    for (const sessionId of watch.sessionIds) leave(this.bySession, sessionId, screenId);
  }

  /** Per screen that watches any of them, the frame's chairs it watches, each once, in order. */
  split<T extends { bay: string; sessionId: string }>(frame: readonly T[]): Map<string, T[]> {
    const framed = new Map<string, T[]>();
    if (this.watches.size === 0) return framed;
    for (const chair of frame) {
      const byBay = this.byBay.get(chair.bay);
      const bySession = this.bySession.get(chair.sessionId);
      byBay?.forEach((screenId) => chairsOf(framed, screenId).push(chair));
      bySession?.forEach((screenId) => {
        if (!byBay?.has(screenId)) chairsOf(framed, screenId).push(chair);
      });
    }
    return framed;
  }
}

function screensOf(index: Map<string, Set<string>>, key: string): Set<string> {
  let screens = index.get(key);
  if (!screens) {
    screens = new Set();
    index.set(key, screens);
  }
  return screens;
}

function leave(index: Map<string, Set<string>>, key: string, screenId: string): void {
  const screens = index.get(key);
  screens?.delete(screenId);
  if (screens?.size === 0) index.delete(key);
}

function chairsOf<T>(framed: Map<string, T[]>, screenId: string): T[] {
  let chairs = framed.get(screenId);
  if (!chairs) {
    chairs = [];
    framed.set(screenId, chairs);
  }
  return chairs;
}
