import {
  VITAL_SIGNS,
  type SourcedVitalSample,
  type VitalSampleInput,
  type VitalSign,
} from '@vigil/shared';
import { toIsoTimestamp } from '../database/columns';
import type { VitalSampleEntity } from './vital-sample.entity';

/**
 * With the source and the time, what makes a resent sample recognisable: the device's sequence
 * number, else the time alone.
 */
export function dedupeKey(sample: Pick<VitalSampleInput, 'seq' | 'at'>): string {
  return sample.seq !== undefined ? `seq:${sample.seq}` : `at:${toIsoTimestamp(sample.at)}`;
}

export function toVitalSampleRow(
  sessionId: string,
  source: string,
  sample: VitalSampleInput,
  receivedAt: string,
): VitalSampleEntity {
  return {
    sessionId,
    source,
    dedupeKey: dedupeKey(sample),
    seq: sample.seq ?? null,
    at: toIsoTimestamp(sample.at),
    receivedAt,
    systolic: sample.systolic ?? null,
    diastolic: sample.diastolic ?? null,
    heartRate: sample.heartRate ?? null,
    spo2: sample.spo2 ?? null,
    respRate: sample.respRate ?? null,
    etco2: sample.etco2 ?? null,
  };
}

export function toVitalSample(row: VitalSampleEntity): SourcedVitalSample {
  const sample: SourcedVitalSample = {
    sessionId: row.sessionId,
    seq: row.seq,
    at: row.at,
    receivedAt: row.receivedAt,
    source: row.source,
  };
  for (const sign of VITAL_SIGNS) {
    const value = row[sign];
    if (value !== null && value !== undefined) sample[sign] = value;
  }
  return sample;
}

/** Whether two samples with the same key carry the same measurements (a resend, not a conflict). */
export function sameMeasurements(
  a: Pick<VitalSampleEntity, VitalSign>,
  b: Pick<VitalSampleEntity, VitalSign>,
): boolean {
  return VITAL_SIGNS.every((sign) => (a[sign] ?? null) === (b[sign] ?? null));
}
