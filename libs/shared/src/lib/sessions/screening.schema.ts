import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';

const answer = z.boolean({ error: expecting('must be answered yes (true) or no (false)') });

export const PSYCHIATRIC_HISTORY = ['none', 'past', 'current'] as const;
export const SUBSTANCE_USE = ['none', 'past', 'current'] as const;
export const TEST_RESULTS = ['negative', 'positive', 'not-done'] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expecting(`must be one of ${values.join(', ')}`) });

/**
 * The pre-infusion screening, every question answered: nothing here has a default, since an
 * unanswered question is not a "no". Each finding maps to a contraindication flag.
 */
export const screeningSchema = z
  .strictObject({
    /** Psychosis or mania: past episodes, or one going on now. */
    psychosisOrMania: oneOf(PSYCHIATRIC_HISTORY),
    cardiacHistory: answer,
    uncontrolledHypertension: answer,
    substanceUse: oneOf(SUBSTANCE_USE),
    /** When any substance was last used; required unless the patient uses none. */
    substanceLastUseAt: isoDateTime().optional(),
    /** Rules out acute intoxication with alcohol. */
    breathAlcohol: oneOf(TEST_RESULTS),
    /** Rules out acute intoxication with other drugs. */
    urineDrugScreen: oneOf(TEST_RESULTS),
    interactingMedicines: z.strictObject({
      benzodiazepines: answer,
      lamotrigine: answer,
      maoi: answer,
      stimulants: answer,
    }),
    priorKetamineOrPcpMisuse: answer,
    raisedIntracranialPressure: answer,
    raisedIntraocularPressure: answer,
    hyperthyroidism: answer,
    sleepApnoea: answer,
    airwayRisk: answer,
  })
  .superRefine((screening, ctx) => {
    if (screening.substanceUse !== 'none' && !screening.substanceLastUseAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['substanceLastUseAt'],
        message: 'must say when a substance was last used',
      });
    }
  });
export type Screening = z.infer<typeof screeningSchema>;

/** A screening that finds nothing: every question answered no, both tests negative. */
export const CLEAR_SCREENING: Screening = {
  psychosisOrMania: 'none',
  cardiacHistory: false,
  uncontrolledHypertension: false,
  substanceUse: 'none',
  breathAlcohol: 'negative',
  urineDrugScreen: 'negative',
  interactingMedicines: {
    benzodiazepines: false,
    lamotrigine: false,
    maoi: false,
    stimulants: false,
  },
  priorKetamineOrPcpMisuse: false,
  raisedIntracranialPressure: false,
  raisedIntraocularPressure: false,
  hyperthyroidism: false,
  sleepApnoea: false,
  airwayRisk: false,
};
