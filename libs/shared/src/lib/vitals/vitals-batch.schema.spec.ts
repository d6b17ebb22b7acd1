import { formatIssues } from '../validation/format-issues';
import { createVitalsBatchSchema } from './vitals-batch.schema';
import { VITAL_RANGES, VITAL_SIGNS } from './vital-ranges';

const now = Date.parse('2026-11-25T10:00:00.000Z');
const schema = createVitalsBatchSchema({ now: () => now });
const at = (offsetMs = 0) => new Date(now + offsetMs).toISOString();

function problems(body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : formatIssues(result.error);
}

describe('vitals batch schema', () => {
  it('accepts every sign at both ends of its range', () => {
    for (const sign of VITAL_SIGNS) {
      const { min, max } = VITAL_RANGES[sign];
      // A diastolic reading is only valid below a systolic one, so give it the highest.
      const context = sign === 'diastolic' ? { systolic: VITAL_RANGES.systolic.max } : {};
      const samples = [min, max].map((value) => ({ at: at(), [sign]: value, ...context }));
      expect(problems({ samples })).toEqual([]);
    }
  });

  it.each(VITAL_SIGNS)('refuses %s just outside its range, naming the rule', (sign) => {
    const { min, max } = VITAL_RANGES[sign];
    expect(
      problems({
        samples: [
          { at: at(), [sign]: min - 1 },
          { at: at(), [sign]: max + 1 },
        ],
      }),
    ).toEqual([
      `samples[0].${sign} must be between ${min} and ${max}`,
      `samples[1].${sign} must be between ${min} and ${max}`,
    ]);
  });

  it('allows 5 s of clock skew into the future and no more', () => {
    expect(problems({ samples: [{ at: at(5_000), heartRate: 70 }] })).toEqual([]);
    expect(problems({ samples: [{ at: at(5_001), heartRate: 70 }] })).toEqual([
      'samples[0].at must not be more than 5 s in the future',
    ]);
  });

  it('accepts times with an offset and compares them in UTC', () => {
    expect(problems({ samples: [{ at: '2026-11-25T11:00:04+01:00', heartRate: 70 }] })).toEqual([]);
  });

  it('requires diastolic below systolic only when both are present', () => {
    expect(problems({ samples: [{ at: at(), diastolic: 80 }] })).toEqual([]);
    expect(problems({ samples: [{ at: at(), systolic: 80, diastolic: 80 }] })).toEqual([
      'samples[0].diastolic must be below systolic (80 >= 80)',
    ]);
  });

  it('refuses negative or fractional sequence numbers', () => {
    expect(
      problems({
        samples: [
          { seq: -1, at: at(), spo2: 97 },
          { seq: 1.5, at: at(), spo2: 97 },
        ],
      }),
    ).toEqual([
      'samples[0].seq must be a non-negative integer',
      'samples[1].seq must be a non-negative integer',
    ]);
  });

  it('tells a missing field from a wrong one', () => {
    expect(problems({ samples: [{ heartRate: 70 }] })).toEqual(['samples[0].at is required']);
    expect(problems({ samples: [{ at: at(), heartRate: null }] })).toEqual([
      'samples[0].heartRate must be a number between 20 and 300',
    ]);
    expect(problems({ samples: 'many' })).toEqual(['samples must be an array of samples']);
  });

  it('refuses unknown fields at both levels', () => {
    expect(problems({ samples: [{ at: at(), spo2: 97 }], device: 'x' })).toEqual([
      'device is not a recognised field',
    ]);
  });
});
