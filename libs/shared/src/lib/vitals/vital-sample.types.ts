import type { VitalSign } from './vital-ranges';

export type VitalMeasurements = Partial<Record<VitalSign, number>>;

/** A sample as a device sends it. */
export interface VitalSampleInput extends VitalMeasurements {
  seq?: number;
  at: string;
}

/** A sample as stored and fanned out: always with the session and the time it was accepted. */
export interface VitalSample extends VitalMeasurements {
  sessionId: string;
  seq: number | null;
  at: string;
  receivedAt: string;
  /**
   * Who sent it: `device:<id>` (a monitor), `user:<id>` (entered by hand) or `system:<name>`. The
   * server always says; each source's readings are judged on their own clock.
   */
  source?: string;
}

/** A stored sample with its source, as the alert rules need it. */
export type SourcedVitalSample = VitalSample & { source: string };

export interface VitalsBatchInput {
  samples: VitalSampleInput[];
}

export interface VitalsAccepted {
  accepted: number;
  duplicates: number;
}

export interface LatestReading {
  value: number;
  at: string;
  /** The source whose reading this is. */
  source?: string;
  /**
   * When several sources were heard recently, each one's newest reading: the one shown above is
   * the most alarming of them (see `mergeLatestVitals`).
   */
  sources?: Record<string, { value: number; at: string }>;
}

/**
 * The newest value of each vital sign with its own time: blood pressure comes by cuff cycle
 * every few minutes while SpO2 and heart rate stream every second, so one sample is not enough.
 */
export type LatestVitals = Partial<Record<VitalSign, LatestReading>>;
