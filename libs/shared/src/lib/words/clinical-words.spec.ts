import { ALERT_CODES, ALERT_RESOLVED_REASONS } from '../alerts/alert.types';
import { SIDE_EFFECT_CODES } from '../observations/side-effects';
import { INTERVENTION_KINDS, type AssessmentInput } from '../sessions/clinical.schema';
import { CONTRAINDICATION_CODES } from '../sessions/contraindication-codes';
import { contraindications } from '../sessions/contraindications';
import type { Screening } from '../sessions/screening.schema';
import { SESSION_STATES } from '../sessions/session-state';
import { INDICATIONS } from '../sessions/session.types';
import { ALERT_CODE_WORDS, ALERT_RESOLVED_REASON_WORDS, alertCodeWords } from './alert-words';
import { CONTRAINDICATION_WORDS, contraindicationCodeWords } from './contraindication-words';
import { INTERVENTION_KIND_WORDS, SIDE_EFFECT_WORDS } from './observation-words';
import { INDICATION_WORDS, SESSION_STATE_WORDS } from './session-words';

/** Words, not the code again: no underscore, no hyphenated code, not the code itself. */
function expectWordsFor(codes: readonly string[], words: Readonly<Record<string, string>>) {
  expect(Object.keys(words).sort()).toEqual([...codes].sort());
  for (const code of codes) {
    const said = words[code];
    expect(said).toMatch(/^[A-Za-z0-9]/);
    expect(said).not.toBe(code);
    expect(said).not.toMatch(/_/);
  }
}

const AT = Date.parse('2026-11-25T10:00:00.000Z');

/** Everything wrong at once; two inputs because some answers exclude each other. */
function everyFlagRaised(): Set<string> {
  const alarming: Screening = {
    psychosisOrMania: 'current',
    cardiacHistory: true,
    uncontrolledHypertension: true,
    substanceUse: 'current',
    breathAlcohol: 'positive',
    urineDrugScreen: 'positive',
    interactingMedicines: {
      benzodiazepines: true,
      lamotrigine: true,
      maoi: true,
      stimulants: true,
    },
    priorKetamineOrPcpMisuse: true,
    raisedIntracranialPressure: true,
    raisedIntraocularPressure: true,
    hyperthyroidism: true,
    sleepApnoea: true,
    airwayRisk: true,
  };
  const worst: AssessmentInput = {
    baseline: { systolic: 190, diastolic: 120, heartRate: 80, spo2: 88 },
    checklist: {
      consent: false,
      fasting: false,
      escortHome: false,
      psychiatricEvaluation: false,
      medicationsReviewed: false,
      pregnancyTest: 'positive',
    },
    screening: alarming,
  };
  const untested: AssessmentInput = {
    ...worst,
    screening: {
      ...alarming,
      psychosisOrMania: 'past',
      breathAlcohol: 'not-done',
      urineDrugScreen: 'not-done',
    },
  };
  return new Set(
    [worst, untested].flatMap((input) => contraindications(input, AT).map((flag) => flag.code)),
  );
}

describe('clinical words', () => {
  it('words every alert code, and every reason an alert closed', () => {
    expectWordsFor(ALERT_CODES, ALERT_CODE_WORDS);
    expectWordsFor(ALERT_RESOLVED_REASONS, ALERT_RESOLVED_REASON_WORDS);
    expect(alertCodeWords('SPO2_LOW')).toBe('SpO2 low');
  });

  it('words every contraindication flag the assessment can raise', () => {
    expectWordsFor(CONTRAINDICATION_CODES, CONTRAINDICATION_WORDS);
    const raised = everyFlagRaised();
    expect([...raised].sort()).toEqual([...CONTRAINDICATION_CODES].sort());
    expect(contraindicationCodeWords('UNCONTROLLED_HYPERTENSION')).toBe(
      'Uncontrolled hypertension',
    );
  });

  it('words every side effect, intervention, indication and session state', () => {
    expectWordsFor(SIDE_EFFECT_CODES, SIDE_EFFECT_WORDS);
    expectWordsFor(INTERVENTION_KINDS, INTERVENTION_KIND_WORDS);
    expectWordsFor(INDICATIONS, INDICATION_WORDS);
    expectWordsFor(SESSION_STATES, SESSION_STATE_WORDS);
    expect(SIDE_EFFECT_WORDS['visual-disturbance']).toBe('Visual disturbance');
  });

  it('shows a code a stored record holds but this release does not know as it was stored', () => {
    expect(alertCodeWords('RETIRED_CODE')).toBe('RETIRED_CODE');
    expect(contraindicationCodeWords('toString')).toBe('toString');
  });
});
