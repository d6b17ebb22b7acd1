import { z } from 'zod';
import { expecting } from '../validation/format-issues';

/**
 * The validated ranges of the instruments that say whether the treatment works, as the contract
 * lists them: depression (PHQ-9, MADRS, QIDS-SR16), craving (a 0–100 visual analogue scale, the
 * Penn Alcohol Craving Scale) and the Columbia suicide screen (the number of its six questions
 * answered yes).
 */
export const OUTCOME_RANGES = {
  'PHQ-9': { min: 0, max: 27 },
  MADRS: { min: 0, max: 60 },
  'QIDS-SR16': { min: 0, max: 27 },
  'craving-VAS': { min: 0, max: 100 },
  PACS: { min: 0, max: 30 },
  'C-SSRS-screen': { min: 0, max: 6 },
} as const;

export type OutcomeInstrument = keyof typeof OUTCOME_RANGES;
export const OUTCOME_INSTRUMENTS = Object.keys(OUTCOME_RANGES) as OutcomeInstrument[];

/** Before the infusion, after it, and at a follow-up after discharge. */
export const OUTCOME_PHASES = ['pre', 'post', 'follow-up'] as const;
export type OutcomePhase = (typeof OUTCOME_PHASES)[number];

/**
 * Any question of the C-SSRS screen answered yes is a positive screen: the clinic's protocol
 * has a clinician assess the patient's risk before anything else happens.
 */
export function isPositiveSuicideScreen(instrument: OutcomeInstrument, score: number): boolean {
  return instrument === 'C-SSRS-screen' && score >= 1;
}

/** The rule a nurse reads beside the field. */
export function outcomeRangeRule(instrument: OutcomeInstrument): string {
  const { min, max } = OUTCOME_RANGES[instrument];
  return `must be a whole number between ${min} and ${max} for ${instrument}`;
}

export function isOutcomeScoreValid(instrument: OutcomeInstrument, score: number): boolean {
  const { min, max } = OUTCOME_RANGES[instrument];
  return Number.isInteger(score) && score >= min && score <= max;
}

export const outcomeSchema = z
  .strictObject({
    instrument: z.enum(OUTCOME_INSTRUMENTS as [OutcomeInstrument, ...OutcomeInstrument[]], {
      error: expecting(`must be one of ${OUTCOME_INSTRUMENTS.join(', ')}`),
    }),
    phase: z.enum(OUTCOME_PHASES, {
      error: expecting(`must be one of ${OUTCOME_PHASES.join(', ')}`),
    }),
    score: z.number({ error: expecting('must be a whole number') }),
    at: z.iso
      .datetime({ offset: true, error: expecting('must be an ISO 8601 date-time') })
      .optional(),
  })
  .superRefine((input, context) => {
    if (!isOutcomeScoreValid(input.instrument, input.score)) {
      context.addIssue({
        code: 'custom',
        path: ['score'],
        message: outcomeRangeRule(input.instrument),
      });
    }
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

export interface Outcome {
  id: string;
  sessionId: string;
  instrument: OutcomeInstrument;
  phase: OutcomePhase;
  score: number;
  at: string;
  recordedBy: string;
}

/**
 * What the nurse is told with the stored score. A positive C-SSRS screen on a live session raises
 * a high clinical alert (`alertRaised`); after discharge no session alarm can sound, so it puts an
 * urgent risk review on the follow-ups list instead (`followUpId`), and the screen says so.
 */
export interface RecordedOutcome extends Outcome {
  suicideRisk?: { alertRaised: boolean; followUpId?: string };
}
