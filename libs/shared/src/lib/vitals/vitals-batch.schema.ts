import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';
import {
  MAX_FUTURE_SKEW_MS,
  MAX_SAMPLES_PER_BATCH,
  VITAL_RANGES,
  VITAL_SIGNS,
  type VitalSign,
} from './vital-ranges';

function measurement(sign: VitalSign) {
  const { min, max } = VITAL_RANGES[sign];
  const rule = `must be between ${min} and ${max}`;
  return z
    .number({ error: expecting(`must be a number between ${min} and ${max}`) })
    .min(min, rule)
    .max(max, rule)
    .optional();
}

export interface VitalsSchemaClock {
  now(): number;
}

const systemClock: VitalsSchemaClock = { now: () => Date.now() };

/**
 * The contract's "Vitals in" rules. The clock is a parameter so that the future-time rule
 * can be tested without waiting.
 */
export function createVitalsBatchSchema(clock: VitalsSchemaClock = systemClock) {
  const sample = z
    .strictObject({
      seq: z
        .number({ error: expecting('must be a non-negative integer') })
        .int('must be a non-negative integer')
        .nonnegative('must be a non-negative integer')
        .max(Number.MAX_SAFE_INTEGER, 'must be a non-negative integer')
        .optional(),
      at: isoDateTime(),
      systolic: measurement('systolic'),
      diastolic: measurement('diastolic'),
      heartRate: measurement('heartRate'),
      spo2: measurement('spo2'),
      respRate: measurement('respRate'),
      etco2: measurement('etco2'),
    })
    .superRefine((value, ctx) => {
      if (!VITAL_SIGNS.some((sign) => value[sign] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: `must contain at least one measurement (${VITAL_SIGNS.join(', ')})`,
        });
      }
      if (
        value.systolic !== undefined &&
        value.diastolic !== undefined &&
        value.diastolic >= value.systolic
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['diastolic'],
          message: `must be below systolic (${value.diastolic} >= ${value.systolic})`,
        });
      }
      if (Date.parse(value.at) - clock.now() > MAX_FUTURE_SKEW_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['at'],
          message: `must not be more than ${MAX_FUTURE_SKEW_MS / 1000} s in the future`,
        });
      }
    });

  const batchSize = `must contain between 1 and ${MAX_SAMPLES_PER_BATCH} samples`;
  return z.strictObject({
    samples: z
      .array(sample, { error: expecting('must be an array of samples') })
      .min(1, batchSize)
      .max(MAX_SAMPLES_PER_BATCH, batchSize),
  });
}

export const vitalsBatchSchema = createVitalsBatchSchema();
