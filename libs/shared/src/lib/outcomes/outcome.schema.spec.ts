import fc from 'fast-check';
import {
  isPositiveSuicideScreen,
  OUTCOME_INSTRUMENTS,
  OUTCOME_RANGES,
  outcomeSchema,
} from './outcome.schema';

const instrument = fc.constantFrom(...OUTCOME_INSTRUMENTS);
const phase = fc.constantFrom('pre', 'post', 'follow-up');

describe('outcome scores', () => {
  it('accepts every whole score within the instrument’s range', () => {
    fc.assert(
      fc.property(
        instrument.chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc.integer({ min: OUTCOME_RANGES[name].min, max: OUTCOME_RANGES[name].max }),
          ),
        ),
        phase,
        ([name, score], when) => {
          expect(outcomeSchema.safeParse({ instrument: name, phase: when, score }).success).toBe(
            true,
          );
        },
      ),
    );
  });

  it('refuses any score outside the range, naming the score and the range', () => {
    fc.assert(
      fc.property(
        instrument.chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc.oneof(
              fc.integer({ max: OUTCOME_RANGES[name].min - 1 }),
              fc.integer({ min: OUTCOME_RANGES[name].max + 1 }),
            ),
          ),
        ),
        ([name, score]) => {
          const result = outcomeSchema.safeParse({ instrument: name, phase: 'pre', score });
          expect(result.success).toBe(false);
          expect(result.error?.issues).toEqual([
            expect.objectContaining({
              path: ['score'],
              message: expect.stringContaining(
                `between ${OUTCOME_RANGES[name].min} and ${OUTCOME_RANGES[name].max}`,
              ),
            }),
          ]);
        },
      ),
    );
  });

  it('refuses a fractional score, an unknown instrument and an unknown phase', () => {
    expect(outcomeSchema.safeParse({ instrument: 'PHQ-9', phase: 'pre', score: 4.5 }).success).toBe(
      false,
    );
    expect(outcomeSchema.safeParse({ instrument: 'BDI', phase: 'pre', score: 4 }).success).toBe(
      false,
    );
    expect(outcomeSchema.safeParse({ instrument: 'PHQ-9', phase: 'later', score: 4 }).success).toBe(
      false,
    );
  });

  it('has the contract’s ranges', () => {
    expect(OUTCOME_RANGES).toEqual({
      'PHQ-9': { min: 0, max: 27 },
      MADRS: { min: 0, max: 60 },
      'QIDS-SR16': { min: 0, max: 27 },
      'craving-VAS': { min: 0, max: 100 },
      PACS: { min: 0, max: 30 },
      'C-SSRS-screen': { min: 0, max: 6 },
    });
  });

  it('calls a C-SSRS screen positive from one question answered yes, and nothing else positive', () => {
    expect(isPositiveSuicideScreen('C-SSRS-screen', 0)).toBe(false);
    expect(isPositiveSuicideScreen('C-SSRS-screen', 1)).toBe(true);
    expect(isPositiveSuicideScreen('C-SSRS-screen', 6)).toBe(true);
    expect(isPositiveSuicideScreen('PHQ-9', 27)).toBe(false);
  });
});
