import {
  alertMessage,
  worseValue,
  type PhysiologicalCode,
  type ThresholdRule,
} from '@vigil/shared';

/** At most one rewrite of an alert's message this often, unless its worst value worsens. */
export const LIVE_MESSAGE_INTERVAL_MS = 5_000;

export interface OpenCondition {
  id: string;
  sessionId: string;
  code: PhysiologicalCode;
  /** The worst value so far (at the raise, the value that raised it). */
  value: number;
  threshold: number;
}

/** What an open alert should now say: `value` is the worst so far. */
export interface ShownCondition {
  id: string;
  value: number;
  threshold: number;
  message: string;
}

interface Tracked extends OpenCondition {
  /** Each source's newest value of the sign, with the wall time it was heard. */
  sources: Map<string, { value: number; heardAt: number }>;
  written: { current: number; worst: number; at: number };
}

/**
 * Keeps each open physiological alert's message in step with its condition (`SpO2 78 < 90,
 * lowest 72`) without a write per sample: a rewrite when the worst value worsens, otherwise when
 * the current value has changed and the last rewrite is at least LIVE_MESSAGE_INTERVAL_MS old.
 * The current value is the worst among the sources heard within the signal-loss limit, so a
 * reassuring reading from one source never stands in for an alarming one from another.
 */
export class LiveAlertMessages {
  private readonly sessions = new Map<string, Map<PhysiologicalCode, Tracked>>();

  /** An alert raised or upgraded (here or elsewhere): its message was written as of now. */
  track(alert: OpenCondition, now: number): void {
    let codes = this.sessions.get(alert.sessionId);
    if (!codes) {
      codes = new Map();
      this.sessions.set(alert.sessionId, codes);
    }
    const known = codes.get(alert.code);
    const worst = known ? worseValue(alert.code, known.value, alert.value) : alert.value;
    codes.set(alert.code, {
      ...alert,
      value: worst,
      sources: known?.sources ?? new Map<string, { value: number; heardAt: number }>(),
      written: { current: alert.value, worst, at: now },
    });
  }

  /** The worse of this value and the worst the open alert has seen. */
  worst(sessionId: string, code: PhysiologicalCode, value: number): number {
    const known = this.sessions.get(sessionId)?.get(code);
    return known ? worseValue(code, known.value, value) : value;
  }

  /**
   * The open alert is being upgraded to a stricter limit: messages from now on name it, so that a
   * rewrite computed before the upgrade is written never brings the milder limit back.
   */
  retarget(sessionId: string, code: PhysiologicalCode, threshold: number): void {
    const tracked = this.sessions.get(sessionId)?.get(code);
    if (tracked) tracked.threshold = threshold;
  }

  untrack(sessionId: string, code: PhysiologicalCode): void {
    this.sessions.get(sessionId)?.delete(code);
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** Takes in a session's readings; returns the messages due for a rewrite now. */
  observe(
    sessionId: string,
    samples: ReadonlyArray<Partial<Record<ThresholdRule['sign'], number>> & { source?: string }>,
    rules: readonly ThresholdRule[],
    signalLossS: number,
    now: number,
  ): ShownCondition[] {
    const codes = this.sessions.get(sessionId);
    if (!codes) return [];
    const due: ShownCondition[] = [];
    for (const tracked of codes.values()) {
      const rule = rules.find((candidate) => candidate.code === tracked.code);
      if (!rule) continue;
      for (const sample of samples) {
        const value = sample[rule.sign];
        if (value === undefined) continue;
        tracked.sources.set(sample.source ?? '', { value, heardAt: now });
        tracked.value = worseValue(tracked.code, tracked.value, value);
      }
      const current = this.current(tracked, now - signalLossS * 1000);
      if (current === null) continue;
      const worsened = tracked.value !== tracked.written.worst;
      const moved =
        current !== tracked.written.current && now - tracked.written.at >= LIVE_MESSAGE_INTERVAL_MS;
      if (!worsened && !moved) continue;
      tracked.written = { current, worst: tracked.value, at: now };
      due.push({
        id: tracked.id,
        value: tracked.value,
        threshold: tracked.threshold,
        message: alertMessage(tracked.code, current, tracked.threshold, tracked.value),
      });
    }
    return due;
  }

  /** The worst of the values heard recently, or null when no source has been heard lately. */
  private current(tracked: Tracked, heardSince: number): number | null {
    let current: number | null = null;
    for (const [source, heard] of tracked.sources) {
      if (heard.heardAt < heardSince) {
        tracked.sources.delete(source);
        continue;
      }
      current = current === null ? heard.value : worseValue(tracked.code, current, heard.value);
    }
    return current;
  }
}
