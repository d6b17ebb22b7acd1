import { assessmentSchema, type PREGNANCY_TEST_RESULTS, VITAL_RANGES } from '@vigil/shared';
import { ApiError } from '../../api/api-error';
import { CheckboxField, SelectField, TextField } from '../../ui/components/form-field';
import { refusalFieldErrors } from '../../ui/errors/refusal-words';
import { issuesToPathErrors, type SchemaIssue } from '../../ui/forms/field-errors';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordAssessment } from '../hooks/use-session-commands';
import { parseNumberField } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

const BASELINE_FIELDS = [
  { key: 'systolic', label: 'Systolic', required: true },
  { key: 'diastolic', label: 'Diastolic', required: true },
  { key: 'heartRate', label: 'Heart rate', required: true },
  { key: 'spo2', label: 'SpO2', required: true },
  { key: 'respRate', label: 'Respiratory rate (optional)', required: false },
] as const;

type BaselineKey = (typeof BASELINE_FIELDS)[number]['key'];

const CHECKLIST_ITEMS = [
  { key: 'consent', label: 'Informed consent recorded' },
  { key: 'fasting', label: 'Fasted as instructed' },
  { key: 'escortHome', label: 'Escort home arranged' },
  { key: 'psychiatricEvaluation', label: 'Psychiatric evaluation done' },
  { key: 'medicationsReviewed', label: 'Current medications reviewed' },
] as const;

type ChecklistKey = (typeof CHECKLIST_ITEMS)[number]['key'];
type PregnancyTest = (typeof PREGNANCY_TEST_RESULTS)[number];

/** No default: a result nobody chose must not read as "not applicable". */
const NOT_CHOSEN = '';

const PREGNANCY_OPTIONS: readonly { value: PregnancyTest | typeof NOT_CHOSEN; label: string }[] = [
  { value: NOT_CHOSEN, label: 'Choose the result…' },
  { value: 'negative', label: 'Negative' },
  { value: 'positive', label: 'Positive' },
  { value: 'not-applicable', label: 'Not applicable' },
];

const YES_NO = [
  { value: NOT_CHOSEN, label: 'Choose…' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
] as const;
const HISTORY = [
  { value: NOT_CHOSEN, label: 'Choose…' },
  { value: 'none', label: 'None' },
  { value: 'past', label: 'In the past' },
  { value: 'current', label: 'Now' },
] as const;
const TEST_RESULT = [
  { value: NOT_CHOSEN, label: 'Choose the result…' },
  { value: 'negative', label: 'Negative' },
  { value: 'positive', label: 'Positive' },
  { value: 'not-done', label: 'Not done' },
] as const;

/** Every screening question, in the order asked; each answer maps to a contraindication. */
const SCREENING_QUESTIONS = [
  { key: 'psychosisOrMania', label: 'Psychosis or mania', options: HISTORY },
  { key: 'cardiacHistory', label: 'Cardiac history', options: YES_NO },
  { key: 'uncontrolledHypertension', label: 'Uncontrolled hypertension', options: YES_NO },
  { key: 'substanceUse', label: 'Substance use', options: HISTORY },
  { key: 'breathAlcohol', label: 'Breath alcohol', options: TEST_RESULT },
  { key: 'urineDrugScreen', label: 'Urine drug screen', options: TEST_RESULT },
  { key: 'interactingMedicines.benzodiazepines', label: 'Takes benzodiazepines', options: YES_NO },
  { key: 'interactingMedicines.lamotrigine', label: 'Takes lamotrigine', options: YES_NO },
  { key: 'interactingMedicines.maoi', label: 'Takes an MAOI', options: YES_NO },
  { key: 'interactingMedicines.stimulants', label: 'Takes stimulants', options: YES_NO },
  { key: 'priorKetamineOrPcpMisuse', label: 'Prior ketamine or PCP misuse', options: YES_NO },
  { key: 'raisedIntracranialPressure', label: 'Raised intracranial pressure', options: YES_NO },
  { key: 'raisedIntraocularPressure', label: 'Raised intraocular pressure', options: YES_NO },
  { key: 'hyperthyroidism', label: 'Hyperthyroidism', options: YES_NO },
  { key: 'sleepApnoea', label: 'Sleep apnoea', options: YES_NO },
  { key: 'airwayRisk', label: 'Airway risk', options: YES_NO },
] as const;

type ScreeningKey = (typeof SCREENING_QUESTIONS)[number]['key'];

const FIELDS = [
  ...BASELINE_FIELDS.map(({ key }) => `baseline.${key}` as const),
  ...SCREENING_QUESTIONS.map(({ key }) => `screening.${key}` as const),
  'screening.substanceLastUseAt',
  'screening',
  ...CHECKLIST_ITEMS.map(({ key }) => `checklist.${key}` as const),
  'checklist.pregnancyTest',
  'baseline',
  'checklist',
] as const;
type AssessmentField = (typeof FIELDS)[number];

interface AssessmentDraft {
  baseline: Record<BaselineKey, string>;
  checklist: Record<ChecklistKey, boolean> & { pregnancyTest: PregnancyTest | typeof NOT_CHOSEN };
  /** Each answer as chosen ('' while nobody has), and the last use as the browser's local time. */
  screening: Record<ScreeningKey | 'substanceLastUseAt', string>;
}

const EMPTY: AssessmentDraft = {
  baseline: { systolic: '', diastolic: '', heartRate: '', spo2: '', respRate: '' },
  checklist: {
    consent: false,
    fasting: false,
    escortHome: false,
    psychiatricEvaluation: false,
    medicationsReviewed: false,
    pregnancyTest: NOT_CHOSEN,
  },
  screening: {
    ...(Object.fromEntries(SCREENING_QUESTIONS.map(({ key }) => [key, NOT_CHOSEN])) as Record<
      ScreeningKey,
      string
    >),
    substanceLastUseAt: '',
  },
};

const PREGNANCY_NOT_CHOSEN = 'must be chosen: negative, positive or not applicable';

/** The schema's words for each field, except that a result nobody chose says so. */
function assessmentErrors(issues: readonly SchemaIssue[]) {
  const errors = issuesToPathErrors<AssessmentField>(issues);
  if (errors['checklist.pregnancyTest']) errors['checklist.pregnancyTest'] = PREGNANCY_NOT_CHOSEN;
  return errors;
}

/** The draft as the schema (and the server) expects it: numbers, and no empty optional field. */
export function assessmentFromDraft(draft: AssessmentDraft): unknown {
  const baseline: Record<string, number | undefined> = {};
  for (const { key } of BASELINE_FIELDS) {
    const value = parseNumberField(draft.baseline[key]);
    if (value !== undefined || key !== 'respRate') baseline[key] = value;
  }
  return { baseline, checklist: draft.checklist, screening: screeningFromDraft(draft.screening) };
}

/** Yes and no as true and false, an unanswered question left out for the schema to name. */
function screeningFromDraft(answers: AssessmentDraft['screening']): Record<string, unknown> {
  const answer = (value: string | undefined) =>
    value === 'yes' ? true : value === 'no' ? false : value || undefined;
  const screening: Record<string, unknown> = { interactingMedicines: {} };
  for (const { key } of SCREENING_QUESTIONS) {
    const [group, item] = key.split('.');
    if (item) (screening[group!] as Record<string, unknown>)[item] = answer(answers[key]);
    else screening[key] = answer(answers[key]);
  }
  const lastUse = answers.substanceLastUseAt ? new Date(answers.substanceLastUseAt) : null;
  if (lastUse) {
    screening.substanceLastUseAt = Number.isNaN(lastUse.getTime())
      ? answers.substanceLastUseAt
      : lastUse.toISOString();
  }
  return screening;
}

/** Baseline vitals and the pre-infusion checklist; the server flags contraindications. */
export function AssessmentForm({ sessionId }: { sessionId: string }) {
  const record = useRecordAssessment(sessionId);
  const { draft, setDraft, errors, setErrors, handleSubmit } = useSchemaForm({
    initial: EMPTY,
    schema: assessmentSchema,
    toInput: assessmentFromDraft,
    toErrors: assessmentErrors,
  });

  const setBaseline = (key: BaselineKey) => (value: string) =>
    setDraft((current) => ({ ...current, baseline: { ...current.baseline, [key]: value } }));
  const setChecklist =
    <Key extends keyof AssessmentDraft['checklist']>(key: Key) =>
    (value: AssessmentDraft['checklist'][Key]) =>
      setDraft((current) => ({ ...current, checklist: { ...current.checklist, [key]: value } }));

  const setScreening = (key: keyof AssessmentDraft['screening']) => (value: string) =>
    setDraft((current) => ({ ...current, screening: { ...current.screening, [key]: value } }));

  const submit = handleSubmit((input) => {
    record.reset();
    record.mutate(input, {
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
          setErrors(refusalFieldErrors(error, FIELDS));
        }
      },
    });
  });

  const refusal =
    record.error && !(record.error instanceof ApiError && record.error.code === 'VALIDATION_FAILED')
      ? record.error
      : null;

  return (
    <form aria-labelledby="assessment-form-title" onSubmit={submit} noValidate>
      <h3 id="assessment-form-title">Pre-infusion assessment</h3>
      <fieldset className="form-row">
        <legend>Baseline vitals</legend>
        {BASELINE_FIELDS.map(({ key, label }) => {
          const range = VITAL_RANGES[key];
          return (
            <TextField
              key={key}
              id={`assessment-${key}`}
              label={label}
              inputMode="numeric"
              hint={`${range.min}–${range.max} ${range.unit}`}
              value={draft.baseline[key]}
              onValueChange={setBaseline(key)}
              error={errors[`baseline.${key}`]}
            />
          );
        })}
      </fieldset>
      <fieldset className="form-row">
        <legend>Checklist</legend>
        {CHECKLIST_ITEMS.map(({ key, label }) => (
          <CheckboxField
            key={key}
            id={`assessment-${key}`}
            label={label}
            checked={draft.checklist[key]}
            onCheckedChange={setChecklist(key)}
            error={errors[`checklist.${key}`]}
          />
        ))}
        <SelectField
          id="assessment-pregnancy-test"
          label="Pregnancy test"
          options={PREGNANCY_OPTIONS}
          value={draft.checklist.pregnancyTest}
          onValueChange={setChecklist('pregnancyTest')}
          error={errors['checklist.pregnancyTest']}
        />
      </fieldset>
      <fieldset className="form-row">
        <legend>Screening</legend>
        {SCREENING_QUESTIONS.map(({ key, label, options }) => (
          <SelectField
            key={key}
            id={`screening-${key.replace('.', '-')}`}
            label={label}
            options={options}
            value={draft.screening[key]}
            onValueChange={setScreening(key)}
            error={errors[`screening.${key}`]}
          />
        ))}
        {draft.screening.substanceUse !== NOT_CHOSEN && draft.screening.substanceUse !== 'none' && (
          <TextField
            id="screening-substanceLastUseAt"
            label="Last use"
            type="datetime-local"
            value={draft.screening.substanceLastUseAt}
            onValueChange={setScreening('substanceLastUseAt')}
            error={errors['screening.substanceLastUseAt']}
          />
        )}
      </fieldset>
      <p className="form-field__hint">
        An unchecked item, systolic ≥ 160, diastolic ≥ 100, SpO2 &lt; 94 or a screening finding is
        flagged as a contraindication; the infusion then needs a physician’s override to start.
        Active psychosis or mania, raised intracranial pressure, a positive breath alcohol, no
        consent and a positive pregnancy test cannot be overridden.
      </p>
      {(errors.form ?? errors.baseline ?? errors.checklist ?? errors.screening) && (
        <p className="form-error" role="alert">
          Could not record the assessment:{' '}
          {errors.form ?? errors.baseline ?? errors.checklist ?? errors.screening}
        </p>
      )}
      {refusal && <ServerRefusal title="Assessment refused" error={refusal} />}
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record assessment'}
        </button>
      </div>
    </form>
  );
}
