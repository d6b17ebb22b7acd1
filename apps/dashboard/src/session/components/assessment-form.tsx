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

const FIELDS = [
  ...BASELINE_FIELDS.map(({ key }) => `baseline.${key}` as const),
  ...CHECKLIST_ITEMS.map(({ key }) => `checklist.${key}` as const),
  'checklist.pregnancyTest',
  'baseline',
  'checklist',
] as const;
type AssessmentField = (typeof FIELDS)[number];

interface AssessmentDraft {
  baseline: Record<BaselineKey, string>;
  checklist: Record<ChecklistKey, boolean> & { pregnancyTest: PregnancyTest | typeof NOT_CHOSEN };
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
  return { baseline, checklist: draft.checklist };
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
      <p className="form-field__hint">
        An unchecked item, systolic ≥ 160, diastolic ≥ 100 or SpO2 &lt; 94 is flagged as a
        contraindication; the infusion then needs a physician’s override to start.
      </p>
      {(errors.form ?? errors.baseline ?? errors.checklist) && (
        <p className="form-error" role="alert">
          Could not record the assessment: {errors.form ?? errors.baseline ?? errors.checklist}
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
